package ru.mcu.core.shared;

import java.util.List;
import java.util.Set;

/**
 * Who acts: a member of the МЦУ's staff with their municipal roles, a channel connector (a source
 * platform, the ЦУР or a citizen's verdict relayed by it), or the platform itself (a window that expired).
 */
public record Actor(String name, List<String> roles, Kind kind, Set<String> channels) {
    public enum Kind { STAFF, CONNECTOR, SYSTEM }

    public static Actor staff(String name, List<String> roles) {
        return new Actor(name, List.copyOf(roles), Kind.STAFF, Set.of());
    }

    /** A connector may push only into the channels its client was issued for; none listed means all of the municipality's. */
    public static Actor connector(String client, Set<String> channels) {
        return new Actor(client, List.of(), Kind.CONNECTOR, Set.copyOf(channels));
    }

    public static final Actor SYSTEM = new Actor("system", List.of(), Kind.SYSTEM, Set.of());

    /** Whether a connector's client was issued this channel; staff and the platform are not bound to channels. */
    public boolean mayUseChannel(String channel) {
        return kind != Kind.CONNECTOR || channels.isEmpty() || channels.contains(channel);
    }
}
