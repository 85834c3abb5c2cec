package org.rectificationhub.support;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.datasource.DelegatingDataSource;

import javax.sql.DataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The hub's database failing on demand, as a real one does: while armed, preparing a statement that contains the
 * given SQL throws the given SQLException, which Spring translates as it would the driver's. Import it into a test.
 */
@TestConfiguration(proxyBeanMethods = false)
public class FaultyDatabase {

    private static volatile Supplier<SQLException> fault;
    private static volatile String statement = "";
    private static final AtomicInteger hits = new AtomicInteger();

    /** From now on, statements containing {@code sql} (case-insensitive) fail with the fault. */
    public static void failWith(String sql, Supplier<SQLException> failure) {
        statement = sql.toLowerCase(Locale.ROOT);
        hits.set(0);
        fault = failure;
    }

    public static void heal() {
        fault = null;
    }

    /** How often the fault was thrown since it was armed. */
    public static int hits() {
        return hits.get();
    }

    @Bean
    static BeanPostProcessor faultyDataSource() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                return bean instanceof DataSource dataSource && !(bean instanceof Faulty) ? new Faulty(dataSource) : bean;
            }
        };
    }

    private static final class Faulty extends DelegatingDataSource {

        Faulty(DataSource target) {
            super(target);
        }

        @Override
        public Connection getConnection() throws SQLException {
            return wrap(super.getConnection());
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return wrap(super.getConnection(username, password));
        }

        private static Connection wrap(Connection connection) {
            return (Connection) Proxy.newProxyInstance(FaultyDatabase.class.getClassLoader(),
                    new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                        Supplier<SQLException> armed = fault;
                        if (armed != null && method.getName().startsWith("prepare") && args != null
                                && args[0] instanceof String sql && sql.toLowerCase(Locale.ROOT).contains(statement)) {
                            hits.incrementAndGet();
                            throw armed.get();
                        }
                        try {
                            return method.invoke(connection, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }
    }
}
