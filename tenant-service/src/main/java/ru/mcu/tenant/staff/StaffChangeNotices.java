package ru.mcu.tenant.staff;

import java.nio.charset.StandardCharsets;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

import ru.mcu.platform.publication.PublishedMunicipality;

/** Another instance of this service changed a municipality's staff: the list this one read last is dropped. */
@Configuration(proxyBeanMethods = false)
class StaffChangeNotices {
    @Bean
    RedisMessageListenerContainer staffChangeListener(RedisConnectionFactory connections, Memberships memberships) {
        RedisMessageListenerContainer container = new RedisMessageListenerContainer();
        container.setConnectionFactory(connections);
        container.addMessageListener((message, pattern) -> memberships.forget(new String(message.getBody(), StandardCharsets.UTF_8)),
                new ChannelTopic(PublishedMunicipality.StaffEntry.STAFF_CHANGED));
        return container;
    }
}
