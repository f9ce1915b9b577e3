package io.pgbarge.copy;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ForeignKeyRecheckTest {
    @Test
    void dropsTheKeyTheStatementAddsOrValidatesWhateverItsName() {
        assertThat(ForeignKeyRecheck.dropSql("ALTER TABLE ONLY public.t2 ADD CONSTRAINT t2_t1 FOREIGN KEY (id)"
                + " REFERENCES public.t1(id) NOT VALID"))
                .isEqualTo("ALTER TABLE ONLY public.t2 DROP CONSTRAINT IF EXISTS t2_t1");
        assertThat(ForeignKeyRecheck.dropSql("ALTER TABLE ONLY \"my s\".\"T\" VALIDATE CONSTRAINT \"a \"\"b\"\" c\""))
                .isEqualTo("ALTER TABLE ONLY \"my s\".\"T\" DROP CONSTRAINT IF EXISTS \"a \"\"b\"\" c\"");
        assertThat(ForeignKeyRecheck.dropSql("ALTER TABLE public.p ADD CONSTRAINT fk FOREIGN KEY (a) REFERENCES public.q(a)"))
                .isEqualTo("ALTER TABLE public.p DROP CONSTRAINT IF EXISTS fk");
        assertThat(ForeignKeyRecheck.dropSql("CREATE INDEX x ON t (a)")).isNull();
    }
}
