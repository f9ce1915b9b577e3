package io.pgbarge.plan;

import java.util.function.Predicate;

/**
 * The roles of the target as the planner needs them: which exist (grants may name them), and which
 * the target login may hand objects to (ALTER … OWNER TO needs membership of the new owner, unless
 * the login is a superuser).
 */
public interface TargetRoles {
    boolean exists(String role);

    boolean canOwn(String role);

    /** A target where every role exists and may own objects (e.g. writing a script for the source itself). */
    TargetRoles ALL = new TargetRoles() {
        @Override
        public boolean exists(String role) {
            return true;
        }

        @Override
        public boolean canOwn(String role) {
            return true;
        }
    };

    static TargetRoles of(Predicate<String> existing, Predicate<String> ownable) {
        return new TargetRoles() {
            @Override
            public boolean exists(String role) {
                return existing.test(role);
            }

            @Override
            public boolean canOwn(String role) {
                return ownable.test(role);
            }
        };
    }
}
