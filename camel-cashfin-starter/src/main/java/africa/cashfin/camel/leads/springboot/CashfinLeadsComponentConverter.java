package africa.cashfin.camel.leads.springboot;

import java.util.LinkedHashSet;
import java.util.Set;

import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.spi.StateRepository;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.core.convert.converter.GenericConverter;
import org.springframework.stereotype.Component;

import africa.cashfin.camel.leads.CashfinLeadsConfiguration;
import africa.cashfin.camel.leads.api.limit.SharedAdmissionLog;
import io.github.bucket4j.distributed.proxy.ProxyManager;

/**
 * Binds bean references in {@code camel.component.cashfin-leads.*} properties: a value {@code #bean:name} (or
 * {@code #name}) for an object option ({@code idempotent-repository}, {@code state-repository},
 * {@code rate-limit-store}, {@code rate-limit-log}, {@code ssl-context-parameters}, {@code configuration}) becomes the Spring bean of that
 * name.
 */
@Configuration(proxyBeanMethods = false)
@ConfigurationPropertiesBinding
@Component
public class CashfinLeadsComponentConverter implements GenericConverter {

    private static final Class<?>[] BEAN_TYPES = {
            CashfinLeadsConfiguration.class, IdempotentRepository.class, StateRepository.class, ProxyManager.class,
            SharedAdmissionLog.class, SSLContextParameters.class };

    @Autowired
    private ApplicationContext applicationContext;

    @Override
    public Set<ConvertiblePair> getConvertibleTypes() {
        Set<ConvertiblePair> answer = new LinkedHashSet<>();
        for (Class<?> type : BEAN_TYPES) {
            answer.add(new ConvertiblePair(String.class, type));
        }
        return answer;
    }

    @Override
    public Object convert(Object source, TypeDescriptor sourceType, TypeDescriptor targetType) {
        if (source == null) {
            return null;
        }
        String ref = source.toString();
        if (!ref.startsWith("#")) {
            return null;
        }
        ref = ref.startsWith("#bean:") ? ref.substring(6) : ref.substring(1);
        for (Class<?> type : BEAN_TYPES) {
            if (type.getName().equals(targetType.getName())) {
                return applicationContext.getBean(ref, type);
            }
        }
        return null;
    }
}
