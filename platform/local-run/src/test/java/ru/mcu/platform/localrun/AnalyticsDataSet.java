package ru.mcu.platform.localrun;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The analytics benchmark's country: 2,327 municipalities in 85 regions (codes 01–85), with the five
 * demo municipalities among them as the real, onboarded tenants. Everything is derived from one seed,
 * so a loaded database can be described again (which municipality is where, how big) without reading it.
 * <p>
 * Sizes follow a Zipf law over a shuffled rank (a few cities with hundreds of thousands of messages
 * over three years, a long tail of a thousand or two); Barnaul is given rank 2, so the dashboard is
 * timed over one of the largest municipalities, and its region (22, Altai Krai) holds 70 of them.
 */
record AnalyticsDataSet(long messages, LocalDate firstDay, LocalDate lastDay, List<Municipality> municipalities) {
    static final int MUNICIPALITIES = 2_327;
    static final int REGIONS = 85;
    static final int DAYS = 1_095;
    static final double ZIPF = 0.9;
    static final long SEED = 20_261_203L;

    /** The onboarded municipalities and the rank each is given (1 is the largest). */
    static final Map<String, Integer> ONBOARDED_RANKS = Map.of("barnaul", 2, "irkutsk-district", 40, "tashtagol", 70, "ishim", 150,
            "nyuksenitsa", 1_500);
    /** Regions whose number of municipalities is fixed (roughly their real count); the rest share what is left. */
    static final Map<String, Integer> REGION_SIZES = Map.of("22", 70, "42", 34, "38", 42, "35", 28, "72", 26);

    /**
     * One municipality of the data set. {@code onboarded} ones are real tenants (their codes come from
     * their template); the others exist as data only, with generic codes.
     */
    record Municipality(String slug, String region, String zone, long messages, boolean onboarded, int ordinal) {
    }

    /** The data set for {@code messages} messages over the {@value #DAYS} days that end the day before {@code loadDay}. */
    static AnalyticsDataSet of(long messages, LocalDate loadDay) {
        Random random = new Random(SEED);
        List<String> regions = new ArrayList<>();
        for (int r = 1; r <= REGIONS; r++) {
            regions.add(String.format("%02d", r));
        }
        Map<String, Integer> perRegion = regionSizes(regions, random);

        // Ranks 1..N shuffled, then the onboarded ones swapped onto theirs.
        List<Integer> ranks = new ArrayList<>();
        for (int r = 1; r <= MUNICIPALITIES; r++) {
            ranks.add(r);
        }
        Collections.shuffle(ranks, random);

        Map<String, String> onboardedRegions = Map.of("barnaul", "22", "irkutsk-district", "38", "tashtagol", "42", "ishim", "72",
                "nyuksenitsa", "35");
        List<String[]> slots = new ArrayList<>();
        for (String region : regions) {
            List<String> onboardedHere = onboardedRegions.entrySet().stream().filter(e -> e.getValue().equals(region)).map(Map.Entry::getKey)
                    .sorted().toList();
            slots.addAll(onboardedHere.stream().map(slug -> new String[] {slug, region}).toList());
            for (int i = onboardedHere.size() + 1; i <= perRegion.get(region); i++) {
                slots.add(new String[] {"m" + region + "-" + String.format("%03d", i), region});
            }
        }
        for (int i = 0; i < slots.size(); i++) {
            Integer wanted = ONBOARDED_RANKS.get(slots.get(i)[0]);
            if (wanted != null) {
                int other = ranks.indexOf(wanted);
                ranks.set(other, ranks.get(i));
                ranks.set(i, wanted);
            }
        }

        double norm = 0;
        for (int r = 1; r <= MUNICIPALITIES; r++) {
            norm += Math.pow(r, -ZIPF);
        }
        List<Municipality> all = new ArrayList<>();
        for (int i = 0; i < slots.size(); i++) {
            String slug = slots.get(i)[0];
            String region = slots.get(i)[1];
            long size = Math.max(1, Math.round(messages * Math.pow(ranks.get(i), -ZIPF) / norm));
            all.add(new Municipality(slug, region, zone(region), size, ONBOARDED_RANKS.containsKey(slug), i + 1));
        }
        return new AnalyticsDataSet(messages, loadDay.minusDays(DAYS), loadDay.minusDays(1), List.copyOf(all));
    }

    /** Fixed regions as given; the others share the rest in proportion to a random weight (at least 3 each). */
    private static Map<String, Integer> regionSizes(List<String> regions, Random random) {
        Map<String, Integer> sizes = new LinkedHashMap<>();
        int fixed = REGION_SIZES.values().stream().mapToInt(Integer::intValue).sum();
        List<String> free = regions.stream().filter(r -> !REGION_SIZES.containsKey(r)).toList();
        double[] weights = new double[free.size()];
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            weights[i] = 0.3 + 1.6 * random.nextDouble();
            sum += weights[i];
        }
        int left = MUNICIPALITIES - fixed;
        int given = 0;
        for (int i = 0; i < free.size(); i++) {
            int n = Math.max(3, (int) Math.floor(left * weights[i] / sum));
            sizes.put(free.get(i), n);
            given += n;
        }
        // Rounding leftovers go to the regions in turn, so the total is exactly 2,327.
        for (int i = 0; given < left; i = (i + 1) % free.size(), given++) {
            sizes.merge(free.get(i), 1, Integer::sum);
        }
        for (int i = free.size() - 1; given > left; i = (i + free.size() - 1) % free.size()) {
            if (sizes.get(free.get(i)) > 3) {
                sizes.merge(free.get(i), -1, Integer::sum);
                given--;
            }
        }
        sizes.putAll(REGION_SIZES);
        return sizes;
    }

    /** A plausible IANA zone per region code (days are counted in each municipality's zone). */
    static String zone(String region) {
        return switch (region) {
            case "22" -> "Asia/Barnaul";
            case "42" -> "Asia/Novokuznetsk";
            case "38", "03" -> "Asia/Irkutsk";
            case "72", "02", "45", "56", "59", "66", "74" -> "Asia/Yekaterinburg";
            case "54" -> "Asia/Novosibirsk";
            case "55" -> "Asia/Omsk";
            case "70" -> "Asia/Tomsk";
            case "17", "19", "24" -> "Asia/Krasnoyarsk";
            case "14", "28" -> "Asia/Yakutsk";
            case "25", "27", "79" -> "Asia/Vladivostok";
            case "41" -> "Asia/Kamchatka";
            case "49" -> "Asia/Magadan";
            case "65" -> "Asia/Sakhalin";
            case "75" -> "Asia/Chita";
            case "18", "63" -> "Europe/Samara";
            case "30" -> "Europe/Astrakhan";
            case "34" -> "Europe/Volgograd";
            case "39" -> "Europe/Kaliningrad";
            case "64" -> "Europe/Saratov";
            case "73" -> "Europe/Ulyanovsk";
            default -> "Europe/Moscow";
        };
    }

    Municipality municipality(String slug) {
        return municipalities.stream().filter(m -> m.slug().equals(slug)).findFirst().orElseThrow();
    }

    List<Municipality> inRegion(String region) {
        return municipalities.stream().filter(m -> m.region().equals(region)).toList();
    }

    long regionCount() {
        return municipalities.stream().map(Municipality::region).distinct().count();
    }
}
