package ru.mcu.platform.publication;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.ObjectMapper;

/** The published document reads back as it was written, status-only documents included. */
class PublishedMunicipalityTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aPublishedConfigurationReadsBackWhole() {
        var configuration = JSON.readTree("{\"profile\":{\"slug\":\"ishim\",\"timeZone\":\"Asia/Yekaterinburg\"},\"roles\":[{\"code\":\"head\"}]}");
        var published = new PublishedMunicipality("ishim", "ACTIVE", 3, configuration);
        var read = PublishedMunicipality.fromJson(JSON, published.toJson(JSON));
        assertThat(read).isEqualTo(published);
        assertThat(read.configuration().path("profile").path("timeZone").asString()).isEqualTo("Asia/Yekaterinburg");
        assertThat(PublishedMunicipality.slugOf(PublishedMunicipality.key("ishim"))).isEqualTo("ishim");
    }

    @Test
    void aStatusWithoutAConfigurationStaysWithout() {
        var read = PublishedMunicipality.fromJson(JSON, new PublishedMunicipality("barnaul", "SUSPENDED", 0, null).toJson(JSON));
        assertThat(read.status()).isEqualTo("SUSPENDED");
        assertThat(read.configuration()).isNull();
    }

    @Test
    void aStaffEntryReadsBack() {
        var entry = new PublishedMunicipality.StaffEntry(List.of("head", "secretary"), false, "Анна Иванова");
        assertThat(PublishedMunicipality.StaffEntry.fromJson(JSON, entry.toJson(JSON))).isEqualTo(entry);
    }
}
