package org.griot.database;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One data source for Griot, Camunda and Quartz: the configured MariaDB server, or an embedded one.
 * Liquibase owns every schema, so the process engine is made to wait for it.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnExpression("'${griot.database.url:}'.isBlank()")
    EmbeddedMariaDb embeddedMariaDb(DatabaseProperties properties) {
        return EmbeddedMariaDb.start(properties.embedded());
    }

    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(DatabaseProperties properties, ObjectProvider<EmbeddedMariaDb> embedded) {
        HikariDataSource dataSource = new HikariDataSource();
        EmbeddedMariaDb embeddedDb = embedded.getIfAvailable();
        dataSource.setJdbcUrl(embeddedDb != null ? embeddedDb.jdbcUrl() : properties.url());
        if (embeddedDb != null) {
            dataSource.setUsername(embeddedDb.username());
            dataSource.setPassword(embeddedDb.password());
        } else {
            dataSource.setUsername(properties.username());
            dataSource.setPassword(properties.password() == null ? "" : properties.password());
        }
        dataSource.setDriverClassName("org.mariadb.jdbc.Driver");
        dataSource.setPoolName("griot");
        return dataSource;
    }

    /** Camunda's engine checks its tables at start: they must exist first (Liquibase creates them). */
    @Bean
    static BeanFactoryPostProcessor processEngineAfterLiquibase() {
        return (ConfigurableListableBeanFactory beanFactory) -> {
            if (!beanFactory.containsBeanDefinition("liquibase")) {
                return;
            }
            for (String name : beanFactory.getBeanDefinitionNames()) {
                var definition = beanFactory.getBeanDefinition(name);
                String type = definition.getBeanClassName() != null ? definition.getBeanClassName()
                        : definition.getFactoryMethodName();
                if (type != null && (type.contains("ProcessEngineFactoryBean") || type.equals("processEngineFactoryBean")
                        || type.contains("ProcessEngineConfiguration") || name.equals("processEngineConfigurationImpl"))) {
                    String[] dependsOn = definition.getDependsOn();
                    String[] extended = dependsOn == null ? new String[1] : java.util.Arrays.copyOf(dependsOn, dependsOn.length + 1);
                    extended[extended.length - 1] = "liquibase";
                    definition.setDependsOn(extended);
                }
            }
        };
    }
}
