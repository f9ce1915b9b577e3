package io.pgbarge.ddl;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The text forms of aclitem[] (for example {@code {a=r/b,"x y"=rw*&#47;b}}) and of one aclitem. */
final class AclItems {
    private AclItems() {
    }

    record Item(String grantee, Set<Character> privileges, Set<Character> grantable, String grantor) {
    }

    /** Splits the array text into items, honouring the array quoting of items that contain quotes or commas. */
    static List<String> split(String array) {
        String s = array.trim();
        if (s.startsWith("{")) {
            s = s.substring(1, s.length() - 1);
        }
        List<String> items = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quoted) {
                if (c == '\\' && i + 1 < s.length()) {
                    cur.append(s.charAt(++i));
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                items.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        if (cur.length() > 0) {
            items.add(cur.toString());
        }
        return items;
    }

    /** Parses {@code grantee=privs/grantor}; role names may be double-quoted with "" for a quote. */
    static Item parseItem(String item) {
        int[] pos = {0};
        String grantee = name(item, pos);
        if (pos[0] >= item.length() || item.charAt(pos[0]) != '=') {
            throw new IllegalArgumentException("malformed aclitem: " + item);
        }
        pos[0]++;
        Set<Character> privs = new LinkedHashSet<>();
        Set<Character> grantable = new LinkedHashSet<>();
        while (pos[0] < item.length() && item.charAt(pos[0]) != '/') {
            char c = item.charAt(pos[0]++);
            if (c == '*') {
                continue;
            }
            privs.add(c);
            if (pos[0] < item.length() && item.charAt(pos[0]) == '*') {
                grantable.add(c);
            }
        }
        String grantor = "";
        if (pos[0] < item.length()) {
            pos[0]++;
            grantor = name(item, pos);
        }
        return new Item(grantee, privs, grantable, grantor);
    }

    private static String name(String s, int[] pos) {
        StringBuilder b = new StringBuilder();
        int i = pos[0];
        if (i < s.length() && s.charAt(i) == '"') {
            i++;
            while (i < s.length()) {
                char c = s.charAt(i);
                if (c == '"') {
                    if (i + 1 < s.length() && s.charAt(i + 1) == '"') {
                        b.append('"');
                        i += 2;
                        continue;
                    }
                    i++;
                    break;
                }
                b.append(c);
                i++;
            }
        } else {
            while (i < s.length() && s.charAt(i) != '=' && s.charAt(i) != '/') {
                b.append(s.charAt(i++));
            }
        }
        pos[0] = i;
        return b.toString();
    }
}
