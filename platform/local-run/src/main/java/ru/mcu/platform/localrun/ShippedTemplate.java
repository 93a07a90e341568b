package ru.mcu.platform.localrun;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import ru.mcu.platform.stack.StackException;

/** A municipality's template as config-templates ships it on the classpath, read as plain YAML by the local run's demo parts. */
final class ShippedTemplate {
    private ShippedTemplate() {
    }

    static Map<String, Object> load(String municipality) {
        String path = "config-templates/municipalities/" + municipality + ".yaml";
        try (InputStream in = ShippedTemplate.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new StackException("No template " + path + " on the classpath");
            }
            return new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        } catch (IOException e) {
            throw new StackException("Cannot read " + path + ": " + e.getMessage(), e);
        }
    }
}
