package io.pgbarge.conn;

import java.util.StringJoiner;

/** A {@link ConnectionSpec} written back as a libpq URI, its passwords as ***, for logs and messages. */
final class DisplayUri {
    private DisplayUri() {
    }

    static String of(ConnectionSpec s) {
        StringBuilder uri = new StringBuilder("postgresql://");
        uri.append(PercentDecoding.encode(s.user()));
        if (s.password() != null) {
            uri.append(':').append(Redactor.MASK);
        }
        uri.append('@');
        StringJoiner hosts = new StringJoiner(",");
        s.hosts().forEach(h -> hosts.add((h.isIpv6Literal() ? "[" + h.host() + "]" : PercentDecoding.encode(h.host()))
                + ":" + h.port()));
        uri.append(hosts).append('/').append(PercentDecoding.encode(s.database()));

        StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
        if (s.sslMode() != SslMode.PREFER) {
            add(query, "sslmode", s.sslMode().libpqName());
        }
        add(query, "sslrootcert", s.sslRootCert());
        add(query, "sslcert", s.sslCert());
        add(query, "sslkey", s.sslKey());
        if (s.sslPassword() != null) {
            query.add("sslpassword=" + Redactor.MASK);
        }
        add(query, "sslnegotiation", s.sslNegotiation());
        add(query, "channel_binding", s.channelBinding());
        add(query, "gssencmode", s.gssEncMode());
        add(query, "require_auth", s.requireAuth());
        add(query, "krbsrvname", s.kerberosServerName());
        add(query, "options", s.options());
        add(query, "application_name", s.applicationName());
        add(query, "connect_timeout", s.connectTimeout() == null ? null : s.connectTimeout().toString());
        if (s.targetSessionAttrs() != TargetSessionAttrs.ANY) {
            add(query, "target_session_attrs", s.targetSessionAttrs().libpqName());
        }
        if (s.loadBalanceHosts()) {
            add(query, "load_balance_hosts", "random");
        }
        if (!s.keepalives()) {
            add(query, "keepalives", "0");
        }
        return uri.append(query).toString();
    }

    private static void add(StringJoiner query, String name, String value) {
        if (value != null) {
            query.add(name + "=" + PercentDecoding.encodeQueryValue(value));
        }
    }
}
