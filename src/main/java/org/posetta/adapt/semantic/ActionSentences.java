package org.posetta.adapt.semantic;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.posetta.data.Human36m;
import org.posetta.pose.PosettaException;

/**
 * The motion dictionary: sentences that say what a person does ("a person walks a dog on a
 * leash"), and which of them describes each label of the datasets posetta trains on (Human3.6M
 * actions, Bandai-Namco contents, DeepMimic clips). They live in the shipped resource
 * {@code semantic/dictionary.txt}: one sentence per line, {@code #} starts a comment line, and a
 * line {@code DATASET:LABEL = SENTENCE} ties a sentence to a dataset label. A user's file in the same
 * format adds sentences.
 */
public final class ActionSentences {
    private static final String RESOURCE = "/semantic/dictionary.txt";
    /** A user's dictionary file is read whole; far more than any sentence list needs. */
    private static final long MAX_FILE_BYTES = 1L << 20;
    /** Longer lines are not a sentence (the encoder reads at most 256 word pieces). */
    private static final int MAX_SENTENCE_CHARS = 500;
    private static final Pattern MAPPING = Pattern.compile("([a-z0-9]+):(\\S+)\\s*=\\s*(.*)");

    private static final Dictionary SHIPPED = readShipped();

    private ActionSentences() {
    }

    /**
     * The sentence of a Human3.6M action as the data names it: the class before the space
     * ({@code WalkDog 1} → {@code WalkDog}, {@link Human36m#actionClass}), in this release's
     * spelling ({@code Photo}, {@code WalkDog}) or the original one ({@code TakingPhoto},
     * {@code WalkingDog}).
     *
     * @throws PosettaException for an action that is none of the 15 classes
     */
    public static String forH36mAction(String action) {
        return lookup("h36m", action == null ? null : Human36m.actionClass(action.strip()), "Human3.6M action",
                Human36m.ACTION_CLASSES);
    }

    /**
     * The sentence of a Bandai-Namco content ({@code walk}, {@code byebye}, ... as
     * {@link org.posetta.data.Bandai.Clip#content()} gives it).
     *
     * @throws PosettaException for an unknown content
     */
    public static String forBandaiContent(String content) {
        return lookup("bandai", content, "Bandai-Namco content", SHIPPED.labels("bandai"));
    }

    /**
     * The sentence of a DeepMimic clip ({@code walk}, {@code getup_facedown}, ... as
     * {@link org.posetta.data.DeepMimic.Clip#name()} gives it).
     *
     * @throws PosettaException for an unknown clip
     */
    public static String forDeepMimicClip(String clipName) {
        return lookup("deepmimic", clipName, "DeepMimic clip", SHIPPED.labels("deepmimic"));
    }

    /** The shipped dictionary: its distinct sentences, in file order. */
    public static List<String> dictionary() {
        return SHIPPED.sentences;
    }

    /**
     * The shipped dictionary followed by the sentences of {@code userFile} (UTF-8, one sentence per
     * line; {@code #} comment lines and blank lines are skipped; a {@code DATASET:LABEL = SENTENCE}
     * line contributes its sentence), each sentence once, in order of first appearance.
     *
     * @throws PosettaException when the file cannot be read, is larger than 1 MiB, is not UTF-8
     *                          text, has a line too long to be a sentence, or holds no sentence
     */
    public static List<String> dictionary(Path userFile) {
        byte[] bytes;
        try {
            if (Files.size(userFile) > MAX_FILE_BYTES) {
                throw new PosettaException("The dictionary file " + userFile
                        + " is larger than 1 MiB: give a text file with one sentence per line.");
            }
            bytes = Files.readAllBytes(userFile);
        } catch (IOException e) {
            throw new PosettaException("Cannot read the dictionary file " + userFile + " (" + e.getMessage()
                    + "): give a readable text file with one sentence per line.", e);
        }
        Dictionary user = parse(bytes, userFile.toString());
        if (user.sentences.isEmpty()) {
            throw new PosettaException("The dictionary file " + userFile
                    + " holds no sentence: write one sentence per line, e.g. 'a person climbs stairs'.");
        }
        LinkedHashSet<String> all = new LinkedHashSet<>(SHIPPED.sentences);
        all.addAll(user.sentences);
        return List.copyOf(all);
    }

    private static String lookup(String dataset, String label, String what, List<String> known) {
        String sentence = label == null ? null : SHIPPED.byLabel.get(dataset + ":" + label.strip());
        if (sentence == null) {
            throw new PosettaException("No sentence for the " + what + " '" + label + "' in the motion dictionary: use one of "
                    + known + ".");
        }
        return sentence;
    }

    /** Sentences in order of first appearance and the dataset labels they describe. */
    private record Dictionary(List<String> sentences, Map<String, String> byLabel) {
        List<String> labels(String dataset) {
            String prefix = dataset + ":";
            return byLabel.keySet().stream().filter(k -> k.startsWith(prefix)).map(k -> k.substring(prefix.length()))
                    .toList();
        }
    }

    private static Dictionary readShipped() {
        try (InputStream in = ActionSentences.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path");
            }
            return parse(in.readAllBytes(), RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Dictionary parse(byte[] bytes, String source) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new PosettaException("The dictionary file " + source
                    + " is not UTF-8 text: give a text file with one sentence per line.", e);
        }
        LinkedHashSet<String> sentences = new LinkedHashSet<>();
        Map<String, String> byLabel = new LinkedHashMap<>();
        // A byte-order mark is not part of the first sentence.
        List<String> lines = (text.startsWith("\uFEFF") ? text.substring(1) : text).lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = "line " + (i + 1) + " of the dictionary file " + source;
            if (line.length() > MAX_SENTENCE_CHARS || line.chars().anyMatch(c -> Character.isISOControl(c) && c != '\t')) {
                throw new PosettaException("The " + where + " is not a sentence (control characters or over "
                        + MAX_SENTENCE_CHARS + " characters): give a text file with one sentence per line.");
            }
            Matcher m = MAPPING.matcher(line);
            String sentence = m.matches() ? m.group(3).strip() : line;
            if (sentence.isEmpty()) {
                throw new PosettaException("The " + where + " ties " + m.group(1) + ":" + m.group(2)
                        + " to no sentence: write a sentence after '='.");
            }
            if (m.matches() && byLabel.putIfAbsent(m.group(1) + ":" + m.group(2), sentence) != null) {
                throw new PosettaException("The " + where + " gives " + m.group(1) + ":" + m.group(2)
                        + " a second sentence: keep one line per label.");
            }
            sentences.add(sentence);
        }
        return new Dictionary(List.copyOf(sentences), Collections.unmodifiableMap(byLabel));
    }
}
