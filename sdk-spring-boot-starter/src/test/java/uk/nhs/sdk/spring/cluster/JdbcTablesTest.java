package uk.nhs.sdk.spring.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.nhs.sdk.core.error.NhsConfigurationException;

/** Table names put into SQL, and the tables' statements adapted to the engine. */
class JdbcTablesTest {
    private static final String SQL_SERVER = "Microsoft SQL Server";

    @BeforeEach
    void emptyDatabase() {
        TestDatabase.dropTables("shedlock");
    }

    @Test
    void onSqlServerTheTimeColumnsAreDatetime2NotRowversion() {
        assertThat(JdbcTables.forProduct(ShedLockMeshPollLock.ddl("shedlock"), SQL_SERVER))
                .contains("lock_until DATETIME2 NOT NULL", "locked_at DATETIME2 NOT NULL")
                .doesNotContain("TIMESTAMP");
        assertThat(JdbcTables.forProduct(JdbcNotifyCallbackStore.ddl("seen"), SQL_SERVER))
                .contains("first_seen DATETIME2 NOT NULL")
                .doesNotContain("TIMESTAMP");
        assertThat(JdbcTables.forProduct(ShedLockMeshPollLock.ddl("shedlock"), "PostgreSQL"))
                .isEqualTo(ShedLockMeshPollLock.ddl("shedlock"));
    }

    @Test
    void theTableIsCreatedWithTheEnginesStatement() {
        // the database is PostgreSQL, which has no DATETIME2: the SQL Server statement was sent
        assertThatThrownBy(() -> JdbcTables.createIfAbsent(
                        new JdbcNotifyCallbackStoreTest.ProductNamed(SQL_SERVER),
                        "shedlock",
                        ShedLockMeshPollLock.ddl("shedlock")))
                .isInstanceOf(NhsConfigurationException.class)
                .hasMessageContaining("SQLState 42704");
        JdbcTables.createIfAbsent(
                new JdbcNotifyCallbackStoreTest.ProductNamed("PostgreSQL"),
                "shedlock",
                ShedLockMeshPollLock.ddl("shedlock"));
    }

    @Test
    void onlyPlainTableNamesAreAccepted() {
        for (String bad : new String[] {
            "",
            "seen; DROP TABLE patients",
            "a.b.c",
            "seen--",
            "1seen",
            "se en",
            "\"seen\"",
            "seen\r\n",
            "s".repeat(64),
            ".seen",
            "seen."
        }) {
            assertThatThrownBy(() -> JdbcTables.checkName("p.table-name", bad))
                    .isInstanceOf(NhsConfigurationException.class)
                    .hasMessageStartingWith("p.table-name must be")
                    .hasMessageNotContaining("DROP");
        }
        assertThatThrownBy(() -> JdbcTables.checkName("p.table-name", null))
                .isInstanceOf(NhsConfigurationException.class);
        assertThat(JdbcTables.checkName("p", "app.nhs_seen_2")).isEqualTo("app.nhs_seen_2");
    }
}
