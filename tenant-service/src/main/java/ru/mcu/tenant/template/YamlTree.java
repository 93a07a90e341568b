package ru.mcu.tenant.template;

import java.io.StringReader;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * YAML text to a JSON tree that remembers the line of every node, so that each problem can name
 * the line as well as the path. Dates stay strings (the schema says what they must look like),
 * and a key given twice is a problem, not a silent overwrite.
 */
final class YamlTree {
    record Parsed(JsonNode root, Map<String, Integer> lines, List<TemplateProblem> problems) {
        Integer lineOf(String pointer) {
            for (String p = pointer; ; p = p.substring(0, p.lastIndexOf('/'))) {
                Integer line = lines.get(p);
                if (line != null || p.isEmpty()) {
                    return line;
                }
            }
        }
    }

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final String file;
    private final Map<String, Integer> lines = new HashMap<>();
    private final List<TemplateProblem> problems = new ArrayList<>();

    private YamlTree(String file) {
        this.file = file;
    }

    static Parsed parse(String file, String text) {
        YamlTree tree = new YamlTree(file);
        LoaderOptions options = new LoaderOptions();
        // Templates need no aliases of lists or maps, and refusing them rules out alias bombs and cycles.
        options.setMaxAliasesForCollections(0);
        options.setNestingDepthLimit(40);
        options.setAllowRecursiveKeys(false);
        Node node;
        try {
            node = new Yaml(options).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() != null ? e.getProblemMark().getLine() + 1 : 1;
            tree.problems.add(new TemplateProblem(file, "", line, "yaml-syntax",
                    "Файл не является корректным YAML: " + e.getProblem()
                            + (e.getProblemMark() != null ? " (строка " + line + ", столбец " + (e.getProblemMark().getColumn() + 1) + ")" : "")));
            return new Parsed(null, tree.lines, tree.problems);
        } catch (YAMLException e) {
            // SnakeYAML's limits carry no position: the first alias is where to look.
            int line = 1;
            List<String> textLines = text.lines().toList();
            for (int i = 0; i < textLines.size(); i++) {
                if (textLines.get(i).matches(".*\\*[\\w-]+.*")) {
                    line = i + 1;
                    break;
                }
            }
            String message = e.getMessage() != null && e.getMessage().contains("aliases")
                    ? "ссылки на списки и словари (&якорь / *ссылка) в шаблонах не допускаются: запишите значения явно"
                    : "Файл не является корректным YAML: " + e.getMessage();
            tree.problems.add(new TemplateProblem(file, "", line, "yaml-syntax", message));
            return new Parsed(null, tree.lines, tree.problems);
        }
        if (!(node instanceof MappingNode)) {
            tree.problems.add(new TemplateProblem(file, "", node == null ? null : node.getStartMark().getLine() + 1, "yaml-structure",
                    "Шаблон должен быть YAML-словарём (ключ: значение), а файл " + (node == null ? "пуст" : "содержит другое")));
            return new Parsed(null, tree.lines, tree.problems);
        }
        try {
            JsonNode root = tree.convert(node, "");
            return new Parsed(root, tree.lines, tree.problems);
        } catch (TooBig e) {
            tree.problems.add(new TemplateProblem(file, "", 1, "size", "В шаблоне больше " + MAX_NODES + " элементов"));
            return new Parsed(null, tree.lines, tree.problems);
        }
    }

    /** Far more nodes than any municipality needs (Tashtagol's template has a few thousand). */
    private static final int MAX_NODES = 200_000;
    private int nodes;

    private JsonNode convert(Node node, String pointer) {
        if (++nodes > MAX_NODES) {
            throw new TooBig();
        }
        lines.putIfAbsent(pointer, node.getStartMark().getLine() + 1);
        return switch (node) {
            case MappingNode mapping -> {
                ObjectNode object = JSON.objectNode();
                for (NodeTuple tuple : mapping.getValue()) {
                    if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                        problems.add(new TemplateProblem(file, pointer, tuple.getKeyNode().getStartMark().getLine() + 1, "yaml-structure",
                                "Ключ должен быть строкой"));
                        continue;
                    }
                    String child = pointer + "/" + key.getValue().replace("~", "~0").replace("/", "~1");
                    if (object.has(key.getValue())) {
                        problems.add(new TemplateProblem(file, child, key.getStartMark().getLine() + 1, "duplicate-key",
                                "Ключ «" + key.getValue() + "» повторяется: оставьте один"));
                        continue;
                    }
                    lines.put(child, key.getStartMark().getLine() + 1);
                    object.set(key.getValue(), convert(tuple.getValueNode(), child));
                }
                yield object;
            }
            case SequenceNode sequence -> {
                ArrayNode array = JSON.arrayNode();
                List<Node> items = sequence.getValue();
                for (int i = 0; i < items.size(); i++) {
                    array.add(convert(items.get(i), pointer + "/" + i));
                }
                yield array;
            }
            case ScalarNode scalar -> scalar(scalar);
            default -> JSON.nullNode();
        };
    }

    private static final class TooBig extends RuntimeException {
        TooBig() {
            super(null, null, false, false);
        }
    }

    private static JsonNode scalar(ScalarNode scalar) {
        String value = scalar.getValue();
        Tag tag = scalar.getTag();
        if (value.length() > 40 && (Tag.INT.equals(tag) || Tag.FLOAT.equals(tag))) {
            return JSON.textNode(value); // not a number any template means; the schema says so
        }
        try {
            if (Tag.INT.equals(tag)) {
                BigInteger number = new BigInteger(value.replace("_", ""));
                return number.bitLength() < 63 ? JSON.numberNode(number.longValue()) : JSON.numberNode(number);
            }
            if (Tag.FLOAT.equals(tag)) {
                return JSON.numberNode(Double.parseDouble(value.replace("_", "")));
            }
        } catch (NumberFormatException e) {
            return JSON.textNode(value);
        }
        if (Tag.BOOL.equals(tag)) {
            return JSON.booleanNode(List.of("true", "yes", "on").contains(value.toLowerCase(java.util.Locale.ROOT)));
        }
        if (Tag.NULL.equals(tag)) {
            return JSON.nullNode();
        }
        return JSON.textNode(value);
    }
}
