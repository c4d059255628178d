package org.posetta.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.posetta.io.AtomicOutput;
import org.posetta.metrics.PoseErrors;
import org.posetta.pose.PosettaException;

/**
 * The results of one benchmark protocol, in the schema every {@code posetta bench} writes:
 * <pre>
 * {"protocol": "h36m", "subset": "full: ...", "rows": [{"method", "input", "mpjpe_mm",
 *   "pa_mpjpe_mm", "accel_mm", "frames", "seconds", "oracle", ...}],
 *  "provenance": {"commit", "command", "threads", "date", "models", "seed", ...}}
 * </pre>
 * written as {@code PROTOCOL.json} and a readable {@code PROTOCOL.md}. A run of some rows
 * ({@code --rows}) merges into an existing results file: rows of the same (method, input) are
 * replaced, the others kept in their order. Each row also carries the provenance of the run that
 * measured it, since merged rows may come from different runs. Immutable.
 */
public final class BenchmarkReport {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final String protocol;
    private final String subset;
    private final List<Map<String, Object>> rows;
    private final Map<String, Object> provenance;

    public BenchmarkReport(String protocol, String subset, List<Map<String, Object>> rows, Map<String, Object> provenance) {
        this.protocol = Objects.requireNonNull(protocol);
        this.subset = Objects.requireNonNull(subset);
        List<Map<String, Object>> copy = new ArrayList<>();
        for (Map<String, Object> r : rows) {
            for (String key : List.of("method", "input", "mpjpe_mm", "pa_mpjpe_mm", "accel_mm", "frames", "seconds", "oracle")) {
                if (!r.containsKey(key)) {
                    throw new IllegalArgumentException("benchmark row without '" + key + "': " + r);
                }
            }
            Map<String, Object> row = new LinkedHashMap<>(r);
            if (!row.containsKey("run")) {
                Map<String, Object> run = new LinkedHashMap<>();
                for (String key : List.of("commit", "date", "threads")) {
                    run.put(key, provenance.get(key));
                }
                row.put("run", run);
            }
            copy.add(Collections.unmodifiableMap(row));
        }
        this.rows = Collections.unmodifiableList(copy);
        this.provenance = Collections.unmodifiableMap(new LinkedHashMap<>(provenance));
    }

    /**
     * A row with the schema's fields in order: the metrics of {@code errors} (NaN as null),
     * frames counted, wall seconds and frames per second, then {@code extra} (e.g. per-action
     * errors, seed).
     */
    public static Map<String, Object> row(String method, String input, PoseErrors errors, long frames, double seconds,
            boolean oracle, Map<String, ?> extra) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("method", method);
        r.put("input", input);
        r.put("mpjpe_mm", round(errors.mpjpeMm()));
        r.put("pa_mpjpe_mm", round(errors.paMpjpeMm()));
        r.put("accel_mm", round(errors.accelMm()));
        r.put("frames", frames);
        r.put("seconds", round(seconds));
        r.put("frames_per_second", seconds > 0 ? round(frames / seconds) : null);
        r.put("oracle", oracle);
        r.putAll(extra);
        return r;
    }

    /**
     * The provenance of a run: the commit of the working tree (with {@code -dirty} where its code
     * has changes), the command line, PyTorch threads, the date, the models used and the seed.
     */
    public static Map<String, Object> provenance(String command, int threads, long seed, Map<String, ?> models) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("commit", commit(Path.of("")));
        p.put("command", command);
        p.put("threads", threads);
        p.put("date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        p.put("models", new LinkedHashMap<>(models));
        p.put("seed", seed);
        p.put("java", System.getProperty("java.version"));
        p.put("cpus", Runtime.getRuntime().availableProcessors());
        return p;
    }

    public String protocol() {
        return protocol;
    }

    public String subset() {
        return subset;
    }

    public List<Map<String, Object>> rows() {
        return rows;
    }

    public Map<String, Object> provenance() {
        return provenance;
    }

    /** The row of (method, input), if any. */
    public Optional<Map<String, Object>> row(String method, String input) {
        return rows.stream().filter(r -> method.equals(r.get("method")) && input.equals(r.get("input"))).findFirst();
    }

    /**
     * This report's rows merged over {@code older}'s: older rows keep their place unless this
     * report has a row of the same (method, input), which takes it; new rows are appended. The
     * provenance is this run's, with the older run's models kept where this run names none for
     * the same key, so that every merged row's model stays named.
     *
     * @throws PosettaException when the two differ in protocol or subset
     */
    public BenchmarkReport mergedOver(BenchmarkReport older) {
        if (!older.protocol.equals(protocol) || !older.subset.equals(subset)) {
            throw new PosettaException("The existing results of " + older.protocol + " (" + older.subset + ") differ from this run's "
                    + protocol + " (" + subset + "): write to another folder with --out, or run every row.");
        }
        List<Map<String, Object>> merged = new ArrayList<>();
        List<Map<String, Object>> fresh = new ArrayList<>(rows);
        for (Map<String, Object> old : older.rows) {
            Map<String, Object> replacement = fresh.stream()
                    .filter(r -> r.get("method").equals(old.get("method")) && r.get("input").equals(old.get("input")))
                    .findFirst().orElse(null);
            merged.add(replacement == null ? old : replacement);
            fresh.remove(replacement);
        }
        merged.addAll(fresh);
        Map<String, Object> p = new LinkedHashMap<>(provenance);
        if (older.provenance.get("models") instanceof Map<?, ?> olderModels && provenance.get("models") instanceof Map<?, ?> models) {
            Map<Object, Object> union = new LinkedHashMap<>(olderModels);
            union.putAll(models);
            p.put("models", union);
        }
        return new BenchmarkReport(protocol, subset, merged, p);
    }

    /**
     * Writes {@code DIR/PROTOCOL.json} and {@code .md}; with {@code merge}, rows of an existing
     * JSON file of the same protocol and subset are kept unless replaced.
     *
     * @return the JSON file written
     */
    public Path write(Path dir, boolean merge) {
        Path json = dir.resolve(protocol + ".json");
        BenchmarkReport out = merge && Files.isRegularFile(json) ? mergedOver(read(json)) : this;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new PosettaException("Cannot create the results folder " + dir + " (" + e.getMessage() + "): choose a writable --out.", e);
        }
        AtomicOutput.write(json, tmp -> JSON.writeValue(tmp.toFile(), out.toJson()));
        AtomicOutput.write(dir.resolve(protocol + ".md"), tmp -> Files.writeString(tmp, out.markdown(), StandardCharsets.UTF_8));
        return json;
    }

    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("protocol", protocol);
        m.put("subset", subset);
        m.put("rows", rows);
        m.put("provenance", provenance);
        return m;
    }

    /** Reads a results file written by {@link #write}. */
    @SuppressWarnings("unchecked")
    public static BenchmarkReport read(Path json) {
        Map<String, Object> m;
        try (InputStream in = Files.newInputStream(json)) {
            m = JSON.readValue(in, LinkedHashMap.class);
        } catch (IOException e) {
            throw new PosettaException(json + " is not a readable results file (" + e.getMessage() + "): delete it or write elsewhere with --out.", e);
        }
        try {
            return new BenchmarkReport((String) m.get("protocol"), (String) m.get("subset"),
                    (List<Map<String, Object>>) m.get("rows"), (Map<String, Object>) m.get("provenance"));
        } catch (RuntimeException e) {
            throw new PosettaException(json + " does not follow the results schema (" + e.getMessage()
                    + "): delete it or write elsewhere with --out.", e);
        }
    }

    /**
     * The Markdown page: the main table (one line per row), then a per-action table of every
     * row that has {@code per_action} ({action: {mpjpe_mm, pa_mpjpe_mm, ...}}), then provenance.
     */
    @SuppressWarnings("unchecked")
    public String markdown() {
        StringBuilder s = new StringBuilder();
        s.append("# Benchmark `").append(protocol).append("`\n\n");
        s.append("Subset: ").append(subset).append("\n\n");
        boolean cpu = rows.stream().anyMatch(r -> r.containsKey("frames_per_cpu_second"));
        s.append("| method | input | MPJPE (mm) | P-MPJPE (mm) | accel (mm) | frames | seconds | frames/s |")
                .append(cpu ? " frames/CPU s |" : "").append(" oracle |\n");
        s.append("|---|---|---:|---:|---:|---:|---:|---:|").append(cpu ? "---:|" : "").append("---|\n");
        for (Map<String, Object> r : rows) {
            s.append("| ").append(r.get("method")).append(" | ").append(r.get("input")).append(" | ")
                    .append(number(r.get("mpjpe_mm"))).append(" | ").append(number(r.get("pa_mpjpe_mm"))).append(" | ")
                    .append(number(r.get("accel_mm"))).append(" | ").append(r.get("frames")).append(" | ")
                    .append(number(r.get("seconds"))).append(" | ").append(number(r.get("frames_per_second"))).append(" | ");
            if (cpu) {
                s.append(number(r.get("frames_per_cpu_second"))).append(" | ");
            }
            s.append(r.get("oracle")).append(" |\n");
        }
        List<Map<String, Object>> withActions = rows.stream().filter(r -> r.get("per_action") instanceof Map).toList();
        if (!withActions.isEmpty()) {
            List<String> actions = new ArrayList<>(((Map<String, Object>) withActions.get(0).get("per_action")).keySet());
            s.append("\nPer action, MPJPE / P-MPJPE (mm):\n\n| action |");
            for (Map<String, Object> r : withActions) {
                s.append(' ').append(r.get("method")).append(" (").append(r.get("input")).append(") |");
            }
            s.append("\n|---|").append("---:|".repeat(withActions.size())).append('\n');
            for (String a : actions) {
                s.append("| ").append(a).append(" |");
                for (Map<String, Object> r : withActions) {
                    Object e = ((Map<String, Object>) r.get("per_action")).get(a);
                    if (e instanceof Map<?, ?> errors) {
                        s.append(' ').append(number(errors.get("mpjpe_mm"))).append(" / ").append(number(errors.get("pa_mpjpe_mm")));
                    }
                    s.append(" |");
                }
                s.append('\n');
            }
        }
        s.append("\nProvenance:\n\n");
        provenance.forEach((k, v) -> s.append("- ").append(k).append(": `").append(v).append("`\n"));
        return s.toString();
    }

    private static String number(Object v) {
        if (v instanceof Number n) {
            return String.format(Locale.ROOT, "%.1f", n.doubleValue());
        }
        return v == null ? "–" : v.toString();
    }

    private static Double round(double v) {
        return Double.isFinite(v) ? Math.round(v * 100) / 100.0 : null;
    }

    /**
     * The commit checked out in {@code dir}, with {@code -dirty} where tracked files outside
     * {@code bench/results/} differ from it: results written by earlier rows of a table completed
     * over several runs do not make the code that produced it another.
     */
    static String commit(Path dir) {
        String head = git(dir, "rev-parse", "--short=12", "HEAD");
        if (head == null || head.isEmpty()) {
            return "unknown";
        }
        String changes = git(dir, "status", "--porcelain", "--untracked-files=no", "--", ":(top)", ":(top,exclude)bench/results");
        return changes == null ? head + "-unknown" : changes.isEmpty() ? head : head + "-dirty";
    }

    /** The trimmed output of a git command in {@code dir}, or null where it fails. */
    private static String git(Path dir, String... args) {
        List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return p.waitFor() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
