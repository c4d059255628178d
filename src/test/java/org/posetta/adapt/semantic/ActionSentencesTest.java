package org.posetta.adapt.semantic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.posetta.data.Bandai;
import org.posetta.data.DeepMimic;
import org.posetta.data.Human36m;
import org.posetta.pose.PosettaException;

class ActionSentencesTest {
    private static final List<String> BANDAI_CONTENTS = List.of("walk", "run", "dash", "walk-back", "walk-left",
            "walk-right", "bow", "bye", "guide", "byebye", "respond", "call", "punch", "kick", "slash", "dance-long",
            "dance-short");
    private static final List<String> DEEPMIMIC_CLIPS = List.of("walk", "run", "jog", "jump", "kick", "punch", "roll",
            "crawl", "cartwheel", "backflip", "sideflip", "spin", "spinkick", "dance_a", "dance_b", "dance_spin",
            "getup_facedown", "getup_faceup", "stealthy_walk", "zombie_walk", "long_walk1");

    @TempDir
    Path dir;

    @Test
    void everyHuman36mActionHasItsOwnSentence() {
        List<String> sentences = Human36m.ACTION_CLASSES.stream().map(ActionSentences::forH36mAction).toList();
        assertThat(sentences).doesNotHaveDuplicates().allSatisfy(s -> assertThat(s).startsWith("a person "));
        assertThat(ActionSentences.forH36mAction("WalkDog 1")).isEqualTo("a person walks a dog on a leash");
        assertThat(ActionSentences.forH36mAction("Walking")).isEqualTo("a person walks");
        assertThat(ActionSentences.forH36mAction("SittingDown 2")).isEqualTo("a person sits down");
        assertThat(ActionSentences.forH36mAction("Sitting 1")).isEqualTo("a person sits on a chair");
        assertThat(ActionSentences.forH36mAction("Phoning")).isEqualTo("a person talks on the telephone");
        assertThat(ActionSentences.forH36mAction("TakingPhoto")).isEqualTo(ActionSentences.forH36mAction("Photo 1"));
        assertThat(ActionSentences.forH36mAction("WalkingDog")).isEqualTo(ActionSentences.forH36mAction("WalkDog"));
        assertThat(ActionSentences.forH36mAction("WalkTogether")).isEqualTo("a person walks side by side with someone");
    }

    @Test
    void unknownLabelsAreRefusedByName() {
        assertThatThrownBy(() -> ActionSentences.forH36mAction("Dancing 1")).isInstanceOf(PosettaException.class)
                .hasMessageContaining("'Dancing'").hasMessageContaining("WalkDog");
        assertThatThrownBy(() -> ActionSentences.forH36mAction("")).isInstanceOf(PosettaException.class);
        assertThatThrownBy(() -> ActionSentences.forH36mAction(null)).isInstanceOf(PosettaException.class);
        assertThatThrownBy(() -> ActionSentences.forBandaiContent("swim")).isInstanceOf(PosettaException.class)
                .hasMessageContaining("'swim'").hasMessageContaining("byebye");
        assertThatThrownBy(() -> ActionSentences.forDeepMimicClip("humanoid3d_walk")).isInstanceOf(PosettaException.class)
                .hasMessageContaining("zombie_walk");
    }

    @Test
    void everyBandaiContentHasASentence() {
        for (String content : BANDAI_CONTENTS) {
            assertThat(ActionSentences.forBandaiContent(content)).startsWith("a person ");
        }
        assertThat(ActionSentences.forBandaiContent("walk")).isEqualTo("a person walks");
        assertThat(ActionSentences.forBandaiContent("dance-long")).isEqualTo(ActionSentences.forBandaiContent("dance-short"));
        assertThat(ActionSentences.forBandaiContent("bye")).isNotEqualTo(ActionSentences.forBandaiContent("byebye"));
        assertThat(BANDAI_CONTENTS.stream().map(ActionSentences::forBandaiContent).distinct()).hasSize(16);
        Optional<Bandai> data = Bandai.find();
        if (data.isPresent()) {
            assertThat(data.get().contents()).containsExactlyInAnyOrderElementsOf(BANDAI_CONTENTS);
        }
    }

    @Test
    void everyDeepMimicClipHasASentence() {
        for (String clip : DEEPMIMIC_CLIPS) {
            assertThat(ActionSentences.forDeepMimicClip(clip)).startsWith("a person ");
        }
        assertThat(ActionSentences.forDeepMimicClip("run")).isEqualTo("a person runs");
        assertThat(ActionSentences.forDeepMimicClip("long_walk1")).isEqualTo(ActionSentences.forBandaiContent("walk"));
        Optional<DeepMimic> data = DeepMimic.find();
        if (data.isPresent()) {
            assertThat(data.get().clips().stream().map(DeepMimic.Clip::name)).containsExactlyInAnyOrderElementsOf(DEEPMIMIC_CLIPS);
        }
    }

    @Test
    void theDictionaryHoldsEverySentenceOnceInFileOrder() {
        List<String> dictionary = ActionSentences.dictionary();
        assertThat(dictionary).doesNotHaveDuplicates().allSatisfy(s -> assertThat(s).startsWith("a person "));
        assertThat(dictionary.get(0)).isEqualTo(ActionSentences.forH36mAction("Directions"));
        assertThat(dictionary.get(1)).isEqualTo(ActionSentences.forH36mAction("Discussion"));
        assertThat(dictionary).containsAll(Human36m.ACTION_CLASSES.stream().map(ActionSentences::forH36mAction).toList())
                .containsAll(BANDAI_CONTENTS.stream().map(ActionSentences::forBandaiContent).toList())
                .containsAll(DEEPMIMIC_CLIPS.stream().map(ActionSentences::forDeepMimicClip).toList());
        int labelled = Human36m.ACTION_CLASSES.size() + BANDAI_CONTENTS.size() + DEEPMIMIC_CLIPS.size();
        assertThat(dictionary.size()).isLessThan(labelled);
        assertThatThrownBy(() -> dictionary.add("a person flies")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aUserFileAddsItsSentencesOnce() throws IOException {
        Path file = dir.resolve("mine.txt");
        Files.writeString(file, "\uFEFF# my motions\n\na person climbs stairs\n  a person walks  \n"
                + "a person climbs stairs\nmine:hop = a person hops on one leg\n", StandardCharsets.UTF_8);
        List<String> all = ActionSentences.dictionary(file);
        List<String> shipped = ActionSentences.dictionary();
        assertThat(all.subList(0, shipped.size())).isEqualTo(shipped);
        assertThat(all.subList(shipped.size(), all.size())).containsExactly("a person climbs stairs", "a person hops on one leg");
    }

    @Test
    void aUserFileWithoutSentencesIsRefusedByName() throws IOException {
        Path empty = Files.write(dir.resolve("empty.txt"), new byte[0]);
        Path comments = Files.writeString(dir.resolve("comments.txt"), "# nothing\n\n   \n");
        byte[] noise = new byte[4096];
        new Random(7).nextBytes(noise);
        Path binary = Files.write(dir.resolve("noise.bin"), noise);
        Path controls = Files.writeString(dir.resolve("controls.txt"), "a person\u0000walks\n");
        Path missing = dir.resolve("missing.txt");
        Path folder = Files.createDirectory(dir.resolve("folder"));
        for (Path bad : List.of(empty, comments, binary, controls, missing, folder)) {
            assertThatThrownBy(() -> ActionSentences.dictionary(bad)).as(bad.toString())
                    .isInstanceOf(PosettaException.class).hasMessageContaining(bad.toString());
        }
        Path huge = Files.writeString(dir.resolve("huge.txt"),
                "a person walks\n".repeat(80_000));
        assertThatThrownBy(() -> ActionSentences.dictionary(huge)).isInstanceOf(PosettaException.class)
                .hasMessageContaining("1 MiB");
        Path longLine = Files.writeString(dir.resolve("long.txt"), "a person " + "walks and ".repeat(100));
        assertThatThrownBy(() -> ActionSentences.dictionary(longLine)).isInstanceOf(PosettaException.class)
                .hasMessageContaining("line 1");
    }
}
