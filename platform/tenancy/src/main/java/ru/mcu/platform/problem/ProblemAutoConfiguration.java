package ru.mcu.platform.problem;

import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.util.unit.DataSize;

/**
 * The request plumbing every service shares, ahead of security: a request id, a body size limit,
 * checked query parameters, and checked strings in every JSON body.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(ProblemAutoConfiguration.HttpLimits.class)
public class ProblemAutoConfiguration {
    /** {@code mcu.http.max-body}: the largest body; {@code mcu.http.body-limits}: others by path prefix, the longest matching one deciding. */
    @ConfigurationProperties("mcu.http")
    public record HttpLimits(DataSize maxBody, Map<String, DataSize> bodyLimits) {
        public HttpLimits {
            maxBody = maxBody == null ? DataSize.ofMegabytes(1) : maxBody;
            bodyLimits = bodyLimits == null ? Map.of() : Map.copyOf(bodyLimits);
        }
    }

    @Bean
    FilterRegistrationBean<RequestIds> requestIds() {
        FilterRegistrationBean<RequestIds> registration = new FilterRegistrationBean<>(new RequestIds());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    FilterRegistrationBean<BodySizeLimit> bodySizeLimit(HttpLimits limits) {
        Map<String, Long> byPath = new HashMap<>();
        limits.bodyLimits().forEach((path, size) -> byPath.put(path.startsWith("/") ? path : "/" + path, size.toBytes()));
        FilterRegistrationBean<BodySizeLimit> registration = new FilterRegistrationBean<>(new BodySizeLimit(limits.maxBody().toBytes(), byPath));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    @Bean
    FilterRegistrationBean<ParameterCheck> parameterCheck() {
        FilterRegistrationBean<ParameterCheck> registration = new FilterRegistrationBean<>(new ParameterCheck());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        return registration;
    }

    @Bean
    JsonMapperBuilderCustomizer checkedStrings() {
        return builder -> builder.addModule(CheckedStrings.module());
    }
}
