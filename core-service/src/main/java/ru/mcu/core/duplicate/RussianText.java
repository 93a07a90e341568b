package ru.mcu.core.duplicate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A citizen's message as duplicate detection compares it: its words cut to their first five letters
 * (Russian inflects at the end: «дорога», «дороги», «дорогу» are one), without the words every
 * message has; the letter trigrams of its words (a typo changes one or two of them, not the word);
 * the numbers in it, which tell one house, school or stop from another (not those of days, hours or
 * roubles); and its names, words capitalised inside a sentence (streets, villages, landmarks), which
 * tell one place from another.
 */
record RussianText(Map<String, Integer> stems, Set<String> trigrams, Set<String> numbers, Set<String> names) {
    static final int STEM = 5;
    private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{N}]+");
    private static final Pattern NUMBER = Pattern.compile("\\d+[а-я]?");
    /** A number followed by one of these counts time, money or amounts, not a house. */
    private static final List<String> MEASURES = List.of("дн", "ден", "час", "нед", "мес", "год", "лет", "раз", "мин", "сут", "тыс", "руб",
            "проц", "град", "кило", "метр", "км", "см", "мм", "шт", "чел", "семе", "штук");
    /** Numbers written out, as citizens write house numbers: «дом три». */
    private static final Map<String, String> WORDS = Map.ofEntries(Map.entry("один", "1"), Map.entry("два", "2"), Map.entry("три", "3"),
            Map.entry("четыре", "4"), Map.entry("пять", "5"), Map.entry("шесть", "6"), Map.entry("семь", "7"), Map.entry("восемь", "8"),
            Map.entry("девять", "9"), Map.entry("десять", "10"), Map.entry("одиннадцать", "11"), Map.entry("двенадцать", "12"));
    /** Words that say nothing of which problem it is: function words, greetings, pleas, the addressees. */
    private static final Set<String> STOP = Set.of(
            "и", "в", "во", "на", "у", "с", "со", "по", "не", "ни", "что", "чтобы", "это", "этот", "эта", "эти", "уже", "нет", "как", "а", "но",
            "о", "об", "к", "ко", "из", "за", "для", "до", "от", "же", "бы", "ли", "то", "мы", "я", "вы", "он", "она", "оно", "они", "нас", "нам",
            "вас", "вам", "их", "его", "ее", "мне", "меня", "есть", "был", "была", "было", "были", "будет", "очень", "просто", "тоже", "также",
            "когда", "где", "там", "тут", "здесь", "все", "всё", "весь", "вся", "еще", "ещё", "только", "даже", "или", "если", "так", "такой",
            "при", "под", "над", "без", "через", "после", "около", "возле", "опять", "снова", "вообще", "кто", "какой", "который",
            "которая", "которые", "здравствуйте", "добрый", "день", "вечер", "утро", "пожалуйста", "помогите", "прошу", "просим", "примите",
            "меры", "спасибо", "уважаемый", "уважаемая", "уважаемые", "администрация", "администрации", "глава", "главе", "главы", "город",
            "города", "ул", "улица", "улице", "улицы", "д", "дом", "дома", "доме", "кв", "г", "мкр", "пос", "поселок", "посёлок", "село", "деревня");

    /**
     * Words citizens use for one problem, by the start of the word: a leak is «течёт», «капает»,
     * «залило», «прорвало»; a pothole «яма», «выбоина», «провал». Each group counts as one more word the
     * texts share, so a paraphrase is not a stranger. General vocabulary of municipal complaints.
     */
    private static final Map<String, String> CONCEPTS = concepts(
            "#течь: протек течет теч капае капле залив залил прорв порыв хлещ подтоп",
            "#тепло: отопл батар холод тепл греет мерзн замерз",
            "#свет: фонар освещ свет темно темен лампоч",
            "#яма: яма ямы ямин ямку выбои провал колея колеи",
            "#мусор: мусор отход свалк контей бак баки вывоз помойк",
            "#снег: снег сугроб налед гололе сосул",
            "#собаки: собак стая стаи бродяч псы",
            "#автобус: автоб маршр рейс газел пазик",
            "#скамейка: скаме лавоч лавки",
            "#трава: трава травы покос скоси некош бурья борщев",
            "#запах: запах вонь вонюч смрад",
            "#стоки: канал септи стоки сток ливне фекал",
            "#крыша: крыша крыши кровл потол",
            "#паром: паром перепр",
            "#светофор: свето регули",
            "#переход: перех зебра",
            "#провода: провод обрыв опора столб",
            "#дети: детск ребен дети детей",
            "#лифт: лифт лифта лифты");

    private static Map<String, String> concepts(String... groups) {
        Map<String, String> concepts = new HashMap<>();
        for (String group : groups) {
            String[] parts = group.split(":");
            for (String start : parts[1].trim().split(" ")) {
                concepts.put(start, parts[0]);
            }
        }
        return Map.copyOf(concepts);
    }

    private static String concept(String token) {
        for (int n = Math.min(token.length(), 6); n >= 3; n--) {
            String concept = CONCEPTS.get(token.substring(0, n));
            if (concept != null) {
                return concept;
            }
        }
        return null;
    }

    static RussianText of(String text) {
        String original = text == null ? "" : text.replace('ё', 'е').replace('Ё', 'Е');
        Map<String, Integer> stems = new HashMap<>();
        Set<String> trigrams = new HashSet<>();
        Set<String> numbers = new HashSet<>();
        Set<String> names = new HashSet<>();
        List<String> tokens = new ArrayList<>();
        List<Boolean> named = new ArrayList<>();
        Matcher m = TOKEN.matcher(original);
        while (m.find()) {
            String raw = m.group();
            tokens.add(raw.toLowerCase(Locale.ROOT));
            named.add(Character.isUpperCase(raw.charAt(0)) && !raw.equals(raw.toUpperCase(Locale.ROOT)) && !sentenceStart(original, m.start()));
        }
        for (int i = 0; i < tokens.size(); i++) {
            String token = tokens.get(i);
            String next = i + 1 < tokens.size() ? tokens.get(i + 1) : "";
            if (NUMBER.matcher(token).matches() || WORDS.containsKey(token)) {
                if (MEASURES.stream().noneMatch(next::startsWith)) {
                    numbers.add(WORDS.getOrDefault(token, token));
                }
                continue;
            }
            if (token.length() < 3 || STOP.contains(token) || !Character.isLetter(token.charAt(0))) {
                continue;
            }
            String stem = token.length() > STEM ? token.substring(0, STEM) : token;
            stems.merge(stem, 1, Integer::sum);
            String concept = concept(token);
            if (concept != null && !named.get(i)) {
                stems.merge(concept, 1, Integer::sum);
            }
            if (named.get(i)) {
                names.add(stem);
            }
            String padded = " " + token + " ";
            for (int j = 0; j + 3 <= padded.length(); j++) {
                trigrams.add(padded.substring(j, j + 3));
            }
        }
        return new RussianText(Map.copyOf(stems), Set.copyOf(trigrams), Set.copyOf(numbers), Set.copyOf(names));
    }

    /** Whether the word at {@code at} begins the text or a sentence (a capital there says nothing). */
    private static boolean sentenceStart(String text, int at) {
        for (int i = at - 1; i >= 0; i--) {
            char c = text.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                return false;
            }
            if (c == '.' || c == '!' || c == '?' || c == '\n') {
                return true;
            }
        }
        return true;
    }
}
