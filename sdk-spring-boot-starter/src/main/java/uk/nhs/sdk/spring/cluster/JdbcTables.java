package uk.nhs.sdk.spring.cluster;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import uk.nhs.sdk.core.error.NhsConfigurationException;

/** Table names from properties, and creating a table once across replicas that start together. */
final class JdbcTables {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}(\\.[A-Za-z_][A-Za-z0-9_]{0,62})?");

    private JdbcTables() {}

    /**
     * Checks a table name that is put into SQL.
     *
     * @param property the property that set it, named in the failure
     * @param name the name
     * @return the name
     * @throws NhsConfigurationException when it is not a plain (optionally schema-qualified) name
     */
    static String checkName(String property, String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new NhsConfigurationException(
                    property + " must be a table name (letters, digits and _, " + "optionally schema.table)");
        }
        return name;
    }

    /**
     * Creates a table unless it exists. When two replicas create it at once, the loser's failure is
     * ignored once the table is there.
     *
     * @param dataSource the database
     * @param table the table
     * @param ddl its {@code CREATE TABLE} statement, then any {@code CREATE INDEX} statements
     * @throws NhsConfigurationException when it neither exists nor can be created
     */
    static void createIfAbsent(DataSource dataSource, String table, String... ddl) {
        try (Connection c = dataSource.getConnection()) {
            if (exists(c, table)) {
                return;
            }
            String product = c.getMetaData().getDatabaseProductName();
            try (Statement st = c.createStatement()) {
                for (String statement : ddl) {
                    st.execute(forProduct(statement, product));
                }
                if (!c.getAutoCommit()) {
                    c.commit();
                }
            } catch (SQLException e) {
                rollback(c);
                if (!exists(c, table)) {
                    throw e;
                }
            }
        } catch (SQLException e) {
            throw new NhsConfigurationException(
                    "the table " + table + " does not exist and could not be created " + "(SQLState " + e.getSQLState()
                            + "); create it as the SDK's README shows",
                    e);
        }
    }

    /**
     * Adapts a standard {@code CREATE} statement to an engine that reads it otherwise: on SQL
     * Server {@code TIMESTAMP} is {@code rowversion} (one per table, never written by an insert),
     * so a time column there is {@code DATETIME2}.
     *
     * @param ddl the statement, its time columns written {@code TIMESTAMP NOT NULL}
     * @param product the JDBC driver's database product name
     * @return the statement for that engine
     */
    static String forProduct(String ddl, String product) {
        if (product != null && product.toLowerCase(Locale.ROOT).contains("microsoft sql server")) {
            return ddl.replace(" TIMESTAMP NOT NULL", " DATETIME2 NOT NULL");
        }
        return ddl;
    }

    static boolean exists(Connection c, String table) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.executeQuery("SELECT 1 FROM " + table + " WHERE 1 = 0").close();
            return true;
        } catch (SQLException e) {
            rollback(c);
            return false;
        }
    }

    static void rollback(Connection c) throws SQLException {
        if (!c.getAutoCommit()) {
            c.rollback();
        }
    }
}
