package africa.cashfin.camel.leads.springboot;

import org.apache.camel.Component;
import org.apache.camel.spi.ComponentCustomizer;
import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.apache.camel.spring.boot.ComponentConfigurationProperties;
import org.apache.camel.spring.boot.util.CamelPropertiesHelper;
import org.apache.camel.spring.boot.util.ConditionalOnCamelContextAndAutoConfigurationBeans;
import org.apache.camel.spring.boot.util.ConditionalOnHierarchicalProperties;
import org.apache.camel.spring.boot.util.HierarchicalPropertiesEvaluator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

import africa.cashfin.camel.leads.CashfinLeadsComponent;

/**
 * Configures the {@code cashfin-leads} component from {@code camel.component.cashfin-leads.*}
 * ({@link CashfinLeadsComponentConfiguration}) through a {@link ComponentCustomizer}, the camel-spring-boot way: the
 * properties that are set are copied onto the component when Camel creates it. Switched off with
 * {@code camel.component.cashfin-leads.enabled=false} (or its customizer with
 * {@code camel.component.cashfin-leads.customizer.enabled=false}).
 * <p>
 * With the Spring Boot actuator on the classpath it also registers {@link CashfinSecretSanitizingFunction}, so the
 * client secret shows as {@code ******} in {@code /actuator/env} and {@code /actuator/configprops} even when those
 * endpoints show values, also under any other key that holds its value (the environment variable it comes from).
 */
@AutoConfiguration(after = { CamelAutoConfiguration.class, CashfinLeadsComponentConverter.class })
@Conditional(ConditionalOnCamelContextAndAutoConfigurationBeans.class)
@EnableConfigurationProperties({ ComponentConfigurationProperties.class, CashfinLeadsComponentConfiguration.class })
@ConditionalOnHierarchicalProperties({ "camel.component", "camel.component.cashfin-leads" })
public class CashfinLeadsComponentAutoConfiguration {

    private final ApplicationContext applicationContext;
    private final CashfinLeadsComponentConfiguration configuration;

    public CashfinLeadsComponentAutoConfiguration(ApplicationContext applicationContext,
                                                 CashfinLeadsComponentConfiguration configuration) {
        this.applicationContext = applicationContext;
        this.configuration = configuration;
    }

    /** Copies the {@code camel.component.cashfin-leads.*} properties onto the component. */
    @Lazy
    @Bean
    public ComponentCustomizer configureCashfinLeadsComponent() {
        return new ComponentCustomizer() {
            @Override
            public void configure(String name, Component target) {
                CamelPropertiesHelper.copyProperties(target.getCamelContext(), configuration, target);
            }

            @Override
            public boolean isEnabled(String name, Component target) {
                return HierarchicalPropertiesEvaluator.evaluate(applicationContext, "camel.component.customizer",
                        "camel.component.cashfin-leads.customizer")
                       && target instanceof CashfinLeadsComponent;
            }
        };
    }

    /** Masks the client secret in the actuator's endpoints; only when the actuator is on the classpath. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.SanitizingFunction")
    static class ActuatorSanitizing {

        @Bean
        CashfinSecretSanitizingFunction cashfinSecretSanitizingFunction(
                CashfinLeadsComponentConfiguration configuration) {
            return new CashfinSecretSanitizingFunction(
                    () -> CashfinSecretSanitizingFunction.secretValues(configuration));
        }
    }
}
