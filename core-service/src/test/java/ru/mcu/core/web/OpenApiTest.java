package ru.mcu.core.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;

import com.jayway.jsonpath.JsonPath;

import ru.mcu.platform.testsupport.OpenApiSnapshot;
import ru.mcu.platform.testsupport.RealServers;

/** core-service describes its API in OpenAPI, without a token: the front end's client is generated from it. */
@SpringBootTest(properties = "mcu.deadline-watch.initial-delay=PT1H")
@AutoConfigureMockMvc
@ContextConfiguration(initializers = RealServers.class)
class OpenApiTest {
    @Autowired
    MockMvc mvc;

    @Test
    void theApiIsDescribedEndpointByEndpoint() throws Exception {
        String doc = mvc.perform(get("/v3/api-docs")).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat((String) JsonPath.read(doc, "$.openapi")).startsWith("3.");
        java.util.Map<String, Object> paths = JsonPath.read(doc, "$.paths");
        assertThat(paths).containsKeys("/api/messages", "/api/messages/{id}", "/api/messages/{id}/actions/{action}", "/api/intake/messages",
                "/api/intake/messages/batch", "/api/audit/verify", "/api/imports", "/api/notifications", "/api/calendar/overrides/{day}");
        // The step's inputs are described, so a changed field breaks the generated client, not a user.
        assertThat(doc).contains("registeredAt").contains("resultStatus");
    }

    /**
     * Every type the API returns or takes has a name of its own: springdoc names a schema by the simple
     * class name, and two records of one name (an intake's Stepped, an incident's) would be described as
     * one, the generated client typing one of them wrong.
     */
    @Test
    void noTwoTypesOfTheApiShareASchemaName(@Autowired @org.springframework.beans.factory.annotation.Qualifier("requestMappingHandlerMapping")
                                            org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping mapping) {
        java.util.Map<String, java.util.Set<Class<?>>> byName = new java.util.TreeMap<>();
        java.util.Set<Class<?>> seen = new java.util.HashSet<>();
        mapping.getHandlerMethods().values().forEach(handler -> {
            reach(handler.getMethod().getGenericReturnType(), seen, byName);
            for (java.lang.reflect.Parameter parameter : handler.getMethod().getParameters()) {
                if (parameter.isAnnotationPresent(org.springframework.web.bind.annotation.RequestBody.class)) {
                    reach(parameter.getParameterizedType(), seen, byName);
                }
            }
        });
        assertThat(byName).as("types of the API").isNotEmpty();
        assertThat(byName.entrySet().stream().filter(e -> e.getValue().size() > 1).map(e -> e.getKey() + ": " + e.getValue()).toList())
                .as("schema names given to more than one type").isEmpty();
    }

    /** The platform's own types reachable from {@code type}: itself, its type arguments, its record components. */
    private static void reach(java.lang.reflect.Type type, java.util.Set<Class<?>> seen, java.util.Map<String, java.util.Set<Class<?>>> byName) {
        if (type instanceof java.lang.reflect.ParameterizedType p) {
            reach(p.getRawType(), seen, byName);
            for (java.lang.reflect.Type argument : p.getActualTypeArguments()) {
                reach(argument, seen, byName);
            }
        } else if (type instanceof java.lang.reflect.WildcardType w) {
            for (java.lang.reflect.Type bound : w.getUpperBounds()) {
                reach(bound, seen, byName);
            }
        } else if (type instanceof Class<?> c && !c.isPrimitive()) {
            if (c.isArray()) {
                reach(c.getComponentType(), seen, byName);
            } else if (c.getName().startsWith("ru.mcu.") && seen.add(c)) {
                byName.computeIfAbsent(c.getSimpleName(), k -> new java.util.LinkedHashSet<>()).add(c);
                if (c.isRecord()) {
                    for (java.lang.reflect.RecordComponent component : c.getRecordComponents()) {
                        reach(component.getGenericType(), seen, byName);
                    }
                }
            }
        }
    }

    /** The web application's client is generated from the committed description, which must be this service's. */
    @Test
    void theFrontEndsCopyOfTheDescriptionIsCurrent() throws Exception {
        String doc = mvc.perform(get("/v3/api-docs")).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        OpenApiSnapshot.assertMatches(doc, OpenApiSnapshot.committed("core-service"));
    }
}
