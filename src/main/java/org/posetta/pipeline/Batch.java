package org.posetta.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.posetta.io.AtomicOutput;
import org.posetta.io.Formats;
import org.posetta.io.PoseFile;
import org.posetta.io.ReadOptions;
import org.posetta.pose.Motion3d;
import org.posetta.pose.PosettaException;

/**
 * One command over every input of a folder: each input is an item with its own output folder
 * {@code OUT/NAME} (NAME is the file name without its extension), processed by a child process
 * ({@code java … MAIN ARGS}) so that items run in parallel and one that fails or crashes cannot
 * take the others with it.
 *
 * <p>Resumable: when an item succeeds the batch writes {@code OUT/NAME/item.json} (input, its
 * size and modification time, frames, fill ratio, seconds), and a later batch over the same
 * folder skips every item whose {@code item.json} matches its unchanged input. Anything else is
 * (re)done: items that failed, changed inputs, and items a previous batch left half-done (their
 * hidden staging folders beside {@code OUT/NAME} are removed first).
 *
 * <p>Each finished item adds a row to {@code OUT/summary.csv} (rewritten atomically after each
 * item, so an interrupted batch keeps what it finished) with its status, frames, fill ratio (the
 * share of joint entries in the item's 3D result that were filled in rather than observed),
 * seconds and error; the child's console output goes to {@code OUT/logs/NAME.log}.
 */
public final class Batch {
    /** The marker of a finished item inside its folder. */
    public static final String ITEM_FILE = "item.json";
    public static final String SUMMARY_FILE = "summary.csv";

    /** File extensions taken as videos when a folder is given to {@code run}. */
    public static final Set<String> VIDEO_EXTENSIONS = Set.of("mp4", "mov", "m4v", "avi", "mkv", "webm", "mpg", "mpeg",
            "wmv", "flv", "3gp", "ts", "mts");

    /** File extensions taken as pose files when a folder is given to a command that reads keypoints or 3D. */
    public static final Set<String> POSE_EXTENSIONS = Set.of("npz", "npy", "json", "csv", "bvh", "trc");

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** What each item runs. */
    public interface Action {
        /** The command-line arguments of the child that processes {@code input} into {@code folder}. */
        List<String> arguments(Path input, Path folder);

        /** The file in the item's folder that holds its 3D result, read for the frames and the fill ratio. */
        String result();

        /** The action whose children get {@code arguments(input, folder)} and write {@code result} into the folder. */
        static Action of(String result, BiFunction<Path, Path, List<String>> arguments) {
            return new Action() {
                @Override
                public List<String> arguments(Path input, Path folder) {
                    return arguments.apply(input, folder);
                }

                @Override
                public String result() {
                    return result;
                }
            };
        }
    }

    /**
     * A batch to run.
     *
     * @param inputs    the folder whose files are the items
     * @param accepts   which of its files are items (e.g. {@link #isVideo})
     * @param kind      what the items are, for messages ("videos", "keypoint files")
     * @param out       the output folder
     * @param jobs      items processed at once (child processes)
     * @param mainClass the class whose {@code main} the children run
     * @param action    the command of each item
     */
    public record Options(Path inputs, Predicate<Path> accepts, String kind, Path out, int jobs, String mainClass,
            Action action) {
        public Options {
            if (jobs < 1) {
                throw new PosettaException("--jobs must be at least 1, not " + jobs + ".");
            }
        }
    }

    /** How an item ended. */
    public enum Status {
        /** processed by this batch */
        DONE,
        /** finished by an earlier batch and unchanged since */
        SKIPPED,
        FAILED;

        String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One item's row of the summary.
     *
     * @param fillRatio share of joint entries of the 3D result that were filled in, NaN where unknown
     * @param seconds   wall time of the item's child process (of the earlier batch for skipped items)
     * @param error     the child's one-sentence error, empty unless failed
     */
    public record Row(String name, Path input, Status status, int frames, double fillRatio, double seconds, String error) {
    }

    /**
     * What a batch did.
     *
     * @param rows    one per item, in input order
     * @param seconds wall time of the whole batch
     * @param jobs    items processed at once
     */
    public record Summary(List<Row> rows, double seconds, int jobs) {
        public Summary {
            rows = List.copyOf(rows);
        }

        public long count(Status s) {
            return rows.stream().filter(r -> r.status() == s).count();
        }

        /** The table printed at the end of a batch. */
        public List<String> table() {
            int width = Math.max(4, rows.stream().mapToInt(r -> r.name().length()).max().orElse(4));
            List<String> lines = new ArrayList<>();
            lines.add(String.format(Locale.ROOT, "%-" + width + "s  %-7s  %6s  %6s  %8s  %s", "item", "status", "frames", "filled",
                    "seconds", "error"));
            for (Row r : rows) {
                lines.add(String.format(Locale.ROOT, "%-" + width + "s  %-7s  %6s  %6s  %8.1f  %s", r.name(), r.status().id(),
                        r.status() == Status.FAILED ? "-" : String.valueOf(r.frames()),
                        Double.isNaN(r.fillRatio()) ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * r.fillRatio()),
                        r.seconds(), r.error()));
            }
            lines.add(String.format(Locale.ROOT, "%d items: %d done, %d skipped (finished earlier), %d failed; %.1f s with %d job%s",
                    rows.size(), count(Status.DONE), count(Status.SKIPPED), count(Status.FAILED), seconds, jobs,
                    jobs == 1 ? "" : "s"));
            return lines;
        }
    }

    private Batch() {
    }

    /** True for a regular file whose extension is one of {@link #VIDEO_EXTENSIONS}. */
    public static boolean isVideo(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return Files.isRegularFile(file) && dot > 0 && VIDEO_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /**
     * True for a regular file with a pose file's extension ({@link #POSE_EXTENSIONS}), which is
     * an item even when damaged, so that the batch reports it, or one that a pose format
     * recognises by its content.
     */
    public static boolean isPoseFile(Path file) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        if (dot > 0 && POSE_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT))) {
            return true;
        }
        try {
            Formats.recognise(file);
            return true;
        } catch (PosettaException e) {
            return false;
        }
    }

    /** The default number of jobs: one per core. */
    public static int defaultJobs() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** Runs the batch; {@code progress} gets a line per finished item. */
    public static Summary run(Options o, Progress progress) {
        long t0 = System.nanoTime();
        Map<String, Path> items = items(o);
        try {
            Files.createDirectories(o.out().resolve("logs"));
        } catch (IOException e) {
            throw new PosettaException("Cannot write results to " + o.out() + " (" + e.getMessage()
                    + "): choose a folder you can write to.", e);
        }
        Map<String, Row> rows = Collections.synchronizedMap(new LinkedHashMap<>());
        List<Map.Entry<String, Path>> todo = new ArrayList<>();
        for (Map.Entry<String, Path> e : items.entrySet()) {
            Row earlier = finishedEarlier(o.out().resolve(e.getKey()), e.getValue());
            rows.put(e.getKey(), earlier);
            if (earlier == null) {
                todo.add(e);
            }
        }
        int finished = items.size() - todo.size();
        if (finished > 0) {
            progress.log(finished + " of " + items.size() + " " + o.kind() + " finished earlier: skipped");
        }
        List<Process> running = Collections.synchronizedList(new ArrayList<>());
        // an interrupted batch (Ctrl-C) must not leave children running; their items are redone next time
        Thread stopChildren = new Thread(() -> {
            synchronized (running) {
                running.forEach(Process::destroyForcibly);
            }
        });
        Runtime.getRuntime().addShutdownHook(stopChildren);
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(o.jobs(), Math.max(1, todo.size())));
        try {
            List<Future<?>> futures = new ArrayList<>();
            int[] done = {finished};
            for (Map.Entry<String, Path> e : todo) {
                futures.add(pool.submit(() -> {
                    Row r = process(o, e.getKey(), e.getValue(), running);
                    synchronized (rows) {
                        rows.put(e.getKey(), r);
                        done[0]++;
                        writeSummary(o.out(), rows.values());
                        progress.log(String.format(Locale.ROOT, "[%d/%d] %s: %s%s", done[0], items.size(), r.name(), r.status().id(),
                                r.status() == Status.FAILED ? " (" + r.error() + ")"
                                        : String.format(Locale.ROOT, ", %d frames, %.1f s", r.frames(), r.seconds())));
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PosettaException("The batch over " + o.inputs() + " was interrupted: run it again to finish the rest.", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
            try {
                Runtime.getRuntime().removeShutdownHook(stopChildren);
            } catch (IllegalStateException ignored) {
                // the JVM is already shutting down and runs the hook
            }
        }
        writeSummary(o.out(), rows.values());
        return new Summary(new ArrayList<>(rows.values()), (System.nanoTime() - t0) / 1e9, o.jobs());
    }

    /** The accepted files of the input folder by item name, in name order; names clash only for equal stems. */
    private static Map<String, Path> items(Options o) {
        if (!Files.isDirectory(o.inputs())) {
            throw new PosettaException(o.inputs() + " is not a folder: give a folder of " + o.kind() + ".");
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(o.inputs())) {
            files = list.filter(p -> !p.getFileName().toString().startsWith(".")).filter(o.accepts()).sorted().toList();
        } catch (IOException e) {
            throw new PosettaException(o.inputs() + " cannot be listed (" + e.getMessage() + "): check its permissions.", e);
        }
        if (files.isEmpty()) {
            throw new PosettaException(o.inputs() + " holds no " + o.kind() + ": give a folder that does.");
        }
        Set<String> stems = new HashSet<>();
        Set<String> clashing = new HashSet<>();
        for (Path f : files) {
            if (!stems.add(stem(f))) {
                clashing.add(stem(f));
            }
        }
        Map<String, Path> items = new LinkedHashMap<>();
        for (Path f : files) {
            // clip.mp4 and clip.avi in one folder become clip_mp4 and clip_avi
            String name = clashing.contains(stem(f)) ? f.getFileName().toString().replace('.', '_') : stem(f);
            items.put(name, f);
        }
        return items;
    }

    /** The row of an item that an earlier batch finished from the same, unchanged input; null otherwise. */
    private static Row finishedEarlier(Path folder, Path input) {
        Path marker = folder.resolve(ITEM_FILE);
        if (!Files.isRegularFile(marker)) {
            return null;
        }
        try {
            JsonNode n = JSON.readTree(marker.toFile());
            boolean same = n.path("input").asText().equals(input.toAbsolutePath().normalize().toString())
                    && n.path("input_bytes").asLong(-1) == Files.size(input)
                    && n.path("input_modified_ms").asLong(-1) == Files.getLastModifiedTime(input).toMillis();
            return same ? new Row(folder.getFileName().toString(), input, Status.SKIPPED, n.path("frames").asInt(),
                    n.path("fill_ratio").asDouble(Double.NaN), n.path("seconds").asDouble(), "") : null;
        } catch (IOException e) {
            // an unreadable marker counts as unfinished: the item is simply done again
            return null;
        }
    }

    private static Row process(Options o, String name, Path input, List<Process> running) {
        Path folder = o.out().resolve(name);
        removeStaging(o.out(), folder);
        Path log = o.out().resolve("logs").resolve(name + ".log");
        long t0 = System.nanoTime();
        int exit;
        try {
            List<String> cmd = childCommand(o, o.action().arguments(input, folder));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            running.add(p);
            try {
                exit = p.waitFor();
            } finally {
                running.remove(p);
            }
        } catch (IOException e) {
            return new Row(name, input, Status.FAILED, 0, Double.NaN, (System.nanoTime() - t0) / 1e9,
                    "cannot start the item's process (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Row(name, input, Status.FAILED, 0, Double.NaN, (System.nanoTime() - t0) / 1e9, "interrupted");
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (exit != 0) {
            return new Row(name, input, Status.FAILED, 0, Double.NaN, seconds, lastError(log, exit));
        }
        try {
            PoseFile result = Formats.read(folder.resolve(o.action().result()), ReadOptions.DEFAULTS);
            Motion3d m = result.motions().values().iterator().next();
            double fill = (double) m.filledCount() / ((long) m.frames() * m.joints());
            Row row = new Row(name, input, Status.DONE, m.frames(), fill, seconds, "");
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("input", input.toAbsolutePath().normalize().toString());
            item.put("input_bytes", Files.size(input));
            item.put("input_modified_ms", Files.getLastModifiedTime(input).toMillis());
            item.put("command", o.action().arguments(input, folder));
            item.put("frames", row.frames());
            item.put("fill_ratio", fill);
            item.put("seconds", seconds);
            item.put("finished", Instant.now().toString());
            AtomicOutput.write(folder.resolve(ITEM_FILE), tmp -> JSON.writeValue(tmp.toFile(), item));
            return row;
        } catch (IOException | PosettaException | NoSuchElementException e) {
            return new Row(name, input, Status.FAILED, 0, Double.NaN, seconds, "finished without a readable 3D result "
                    + o.action().result() + " (" + e.getMessage() + ")");
        }
    }

    /** java, this JVM's system properties and a share of its heap, the class path, the main class and the arguments. */
    private static List<String> childCommand(Options o, List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("-D")) {
                cmd.add(a);
            }
        }
        long heapMb = Math.max(1024, Runtime.getRuntime().maxMemory() / o.jobs() / (1024 * 1024));
        cmd.add("-Xmx" + heapMb + "m");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(o.mainClass());
        cmd.addAll(args);
        return cmd;
    }

    /** The child's last {@code posetta: ...} line, which is its error sentence, else its exit code. */
    private static String lastError(Path log, int exit) {
        String error = "exited with code " + exit;
        try {
            for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                if (line.startsWith("posetta: ")) {
                    error = line.substring("posetta: ".length());
                }
            }
        } catch (IOException e) {
            // the exit code is all there is to say
        }
        return error;
    }

    /** Hidden staging folders that an interrupted earlier run left beside {@code folder}. */
    private static void removeStaging(Path out, Path folder) {
        try (Stream<Path> list = Files.list(out)) {
            for (Path p : list.filter(p -> Files.isDirectory(p) && AtomicOutput.isStagingOf(p, folder)).toList()) {
                try (Stream<Path> walk = Files.walk(p)) {
                    for (Path q : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                        Files.deleteIfExists(q);
                    }
                }
            }
        } catch (IOException e) {
            // leftovers are hidden and do not affect the new run
        }
    }

    private static void writeSummary(Path out, Collection<Row> rows) {
        StringBuilder s = new StringBuilder("item,input,status,frames,fill_ratio,seconds,error\n");
        for (Row r : rows) {
            if (r == null) {
                continue;
            }
            s.append(csv(r.name())).append(',').append(csv(r.input().toString())).append(',').append(r.status().id()).append(',')
                    .append(r.status() == Status.FAILED ? "" : String.valueOf(r.frames())).append(',')
                    .append(Double.isNaN(r.fillRatio()) ? "" : String.format(Locale.ROOT, "%.4f", r.fillRatio())).append(',')
                    .append(String.format(Locale.ROOT, "%.2f", r.seconds())).append(',').append(csv(r.error())).append('\n');
        }
        AtomicOutput.write(out.resolve(SUMMARY_FILE), tmp -> Files.writeString(tmp, s, StandardCharsets.UTF_8));
    }

    /** A CSV field, quoted where it holds a comma, quote or line break (RFC 4180). */
    private static String csv(String v) {
        return v.contains(",") || v.contains("\"") || v.contains("\n") ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }

    private static String stem(Path f) {
        String name = f.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
