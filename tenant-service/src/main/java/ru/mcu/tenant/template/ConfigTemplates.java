package ru.mcu.tenant.template;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** The config-templates module on the classpath: what it ships, and the checksum templates are kept by. */
public final class ConfigTemplates {
    private ConfigTemplates() {
    }

    /** Codes of the YAML files in a folder of config-templates, e.g. "municipalities" or "calendars". */
    public static List<String> codes(String folder) {
        try {
            TreeSet<String> codes = new TreeSet<>();
            for (Resource resource : new PathMatchingResourcePatternResolver()
                    .getResources("classpath*:config-templates/" + folder + "/*.yaml")) {
                codes.add(resource.getFilename().replaceFirst("\\.yaml$", ""));
            }
            return List.copyOf(codes);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot list config-templates/" + folder, e);
        }
    }

    public static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
