package io.pgbarge.restore;

import io.pgbarge.archive.Archive;
import io.pgbarge.archive.RestoreList;
import io.pgbarge.archive.TocEntry;
import io.pgbarge.ddl.Section;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which TOC entries a restore processes, and which of their parts, by pg_restore's rules
 * ({@code _tocEntryRequired}): special entries are session settings, database-level entries need
 * --create (which pgbarge does not do), -n/-t select standalone entries and, through their parent,
 * comments, ACLs and security labels; --schema-only/--data-only keep one part; -L keeps the listed
 * entries in the list's order.
 */
public final class EntrySelection {
    /** Entries whose definition is a session setting, applied to every target session. */
    static final Set<String> SETTINGS = Set.of("ENCODING", "STDSTRINGS", "SEARCHPATH");

    private static final Set<String> RELATIONS = Set.of("TABLE", "TABLE DATA", "VIEW", "FOREIGN TABLE",
            "MATERIALIZED VIEW", "MATERIALIZED VIEW DATA", "SEQUENCE", "SEQUENCE SET");
    private static final Set<String> DEPENDENT = Set.of("ACL", "COMMENT", "SECURITY LABEL");

    private final RestoreOptions options;
    private final Map<Integer, TocEntry> byId = new HashMap<>();
    private final Map<Integer, Boolean> standalone = new HashMap<>();

    private EntrySelection(Archive archive, RestoreOptions options) {
        this.options = options;
        for (TocEntry e : archive.entries()) {
            byId.put(e.dumpId(), e);
        }
    }

    /** The entries to process, in archive order (or, with a list, in the list's order). */
    public static List<SelectedEntry> select(Archive archive, RestoreOptions options, RestoreList list) {
        return new EntrySelection(archive, options).run(archive, list);
    }

    private List<SelectedEntry> run(Archive archive, RestoreList list) {
        Map<Integer, Section> sections = new HashMap<>();
        Section current = Section.PRE_DATA;
        for (TocEntry e : archive.entries()) {
            if (e.section() != null && e.section() != io.pgbarge.archive.Section.NONE) {
                current = switch (e.section()) {
                    case DATA -> Section.DATA;
                    case POST_DATA -> Section.POST_DATA;
                    default -> Section.PRE_DATA;
                };
            }
            sections.put(e.dumpId(), current);
        }
        List<TocEntry> order = list == null ? archive.entries() : list.select(archive);
        Set<Integer> wanted = null;
        if (list != null) {
            wanted = new HashSet<>();
            for (TocEntry e : order) {
                wanted.add(e.dumpId());
            }
        }
        List<SelectedEntry> out = new ArrayList<>();
        for (TocEntry e : order) {
            if (SETTINGS.contains(e.desc())) {
                continue;
            }
            if (wanted != null && !wanted.contains(e.dumpId())) {
                continue;
            }
            if (!selected(e)) {
                continue;
            }
            boolean schema = true;
            boolean data = true;
            String desc = e.desc();
            String tag = e.tag() == null ? "" : e.tag();
            if (!e.hadDumper()) {
                boolean loRelated = tag.startsWith("LARGE OBJECT") && DEPENDENT.contains(desc);
                if (desc.equals("SEQUENCE SET") || desc.equals("BLOB") || desc.equals("BLOB METADATA") || loRelated) {
                    schema = false; // data without a data stream: run with --data-only, not with --schema-only
                } else {
                    data = false;
                }
            }
            String defn = e.defn();
            if (defn == null || defn.isEmpty() || defn.startsWith("-- load via partition root ")) {
                schema = false;
            }
            if (options.schemaOnly()) {
                data = false;
            }
            if (options.dataOnly()) {
                schema = false;
            }
            if (!schema && !data) {
                continue;
            }
            out.add(new SelectedEntry(e, sections.get(e.dumpId()), schema, data));
        }
        return out;
    }

    /** The selection rules that do not depend on the parts: kinds, -n, -t, --no-privileges. */
    private boolean selected(TocEntry e) {
        String desc = e.desc() == null ? "" : e.desc();
        String tag = e.tag() == null ? "" : e.tag();
        switch (desc) {
            case "DATABASE", "DATABASE PROPERTIES" -> {
                return false;
            }
            default -> {
            }
        }
        if (desc.equals("<Init>") && tag.equals("Max OID")) {
            return false;
        }
        if (options.noPrivileges() && isAcl(desc)) {
            return false;
        }
        if (DEPENDENT.contains(desc) || desc.equals("ACL LANGUAGE")) {
            if (tag.startsWith("DATABASE ")) {
                return false;
            }
            if (selective()) {
                // restored only with their parent object: the entry's one dependency
                return e.dependencies().size() == 1 && standaloneSelected(e.dependencies().get(0));
            }
            return true;
        }
        return standaloneSelected(e);
    }

    static boolean isAcl(String desc) {
        return desc.equals("ACL") || desc.equals("ACL LANGUAGE") || desc.equals("DEFAULT ACL");
    }

    private boolean selective() {
        return !options.schemas().isEmpty() || !options.tables().isEmpty();
    }

    private boolean standaloneSelected(int dumpId) {
        TocEntry parent = byId.get(dumpId);
        return parent != null && standaloneSelected(parent);
    }

    private boolean standaloneSelected(TocEntry e) {
        return standalone.computeIfAbsent(e.dumpId(), id -> {
            if (!options.schemas().isEmpty()
                    && (e.namespace() == null || !options.schemas().contains(e.namespace()))) {
                return false;
            }
            if (!options.tables().isEmpty()) {
                return RELATIONS.contains(e.desc()) && options.tables().contains(e.tag());
            }
            return true;
        });
    }
}
