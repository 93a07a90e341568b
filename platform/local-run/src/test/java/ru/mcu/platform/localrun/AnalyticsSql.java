package ru.mcu.platform.localrun;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A statement with {@code :name} parameters (the loader's statements have a dozen, several used
 * twice), bound by name from a map; arrays go in as SQL arrays. {@code ::type} casts are left alone.
 */
final class AnalyticsSql {
    private static final Pattern NAME = Pattern.compile("(?<![:\\w]):([a-z][A-Za-z0-9]*)");

    private final String sql;
    private final List<String> names = new ArrayList<>();

    AnalyticsSql(String text) {
        Matcher m = NAME.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            names.add(m.group(1));
            m.appendReplacement(out, "?");
        }
        m.appendTail(out);
        this.sql = out.toString();
    }

    PreparedStatement prepare(Connection connection, Map<String, Object> values) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (!values.containsKey(name)) {
                statement.close();
                throw new IllegalArgumentException("no value for :" + name);
            }
            statement.setObject(i + 1, bind(connection, values.get(name)));
        }
        return statement;
    }

    int update(Connection connection, Map<String, Object> values) throws SQLException {
        try (PreparedStatement statement = prepare(connection, values)) {
            return statement.executeUpdate();
        }
    }

    private static Object bind(Connection connection, Object value) throws SQLException {
        return switch (value) {
            case String[] texts -> array(connection, "text", texts);
            case Double[] numbers -> array(connection, "float8", numbers);
            case Boolean[] flags -> array(connection, "bool", flags);
            case null, default -> value;
        };
    }

    private static Array array(Connection connection, String type, Object[] values) throws SQLException {
        return connection.createArrayOf(type, values);
    }
}
