package org.posetta.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.posetta.pose.PosettaException;

/**
 * The registry of file formats: finds the reader for a file (by name and first bytes, or by an
 * explicit id) and writes through a temporary file that is moved into place, so a failure never
 * leaves a half-written output.
 */
public final class Formats {
    /** In order of precedence when several formats recognise a file. */
    private static final List<PoseFormat> ALL = List.of(
            new H36mNpzFormat(),
            new NpzFormat(),
            new NpyFormat(),
            new JsonFormat(),
            new CsvFormat(),
            new BvhFormat(),
            new DeepMimicFormat(),
            new OpenPoseFormat(),
            new TrcFormat(),
            new AlphaPoseFormat(),
            new CocoKeypointsFormat(),
            new MmposeFormat(),
            new MediaPipeFormat(),
            new DeepLabCutFormat(),
            new MediaPipeCsvFormat());

    private Formats() {
    }

    public static List<PoseFormat> all() {
        return ALL;
    }

    /** The format with this id. */
    public static PoseFormat byId(String id) {
        for (PoseFormat f : ALL) {
            if (f.id().equalsIgnoreCase(id)) {
                return f;
            }
        }
        throw new PosettaException("Unknown format '" + id + "': use one of "
                + ALL.stream().map(PoseFormat::id).collect(Collectors.joining(", ")) + ".");
    }

    /** Reads {@code path} with the format that recognises it. */
    public static PoseFile read(Path path, ReadOptions options) {
        return read(path, options, null);
    }

    /** Reads {@code path} with format {@code formatId}, or the recognised one when it is null. */
    public static PoseFile read(Path path, ReadOptions options, String formatId) {
        if (!Files.exists(path)) {
            throw new PosettaException(path + " does not exist: check the path.");
        }
        if (!Files.isReadable(path)) {
            throw new PosettaException(path + " cannot be read: check its permissions.");
        }
        PoseFormat format = formatId != null ? byId(formatId) : recognise(path);
        try {
            PoseFile data = format.read(path, options);
            if (data.isEmpty()) {
                throw new PosettaException(path + " holds no pose sequence: give a file with at least one frame.");
            }
            return data;
        } catch (IOException e) {
            throw new PosettaException(path + " could not be read as " + format.id() + " (" + e.getMessage()
                    + "): check that the file is complete.", e);
        } catch (IllegalArgumentException e) {
            // the pose types refuse impossible values (a negative image size, a joint count off the layout)
            throw new PosettaException(path + " holds values posetta cannot use as " + format.id() + " (" + e.getMessage()
                    + "): check that the file is not damaged.", e);
        }
    }

    /** The format that claims {@code path}. */
    public static PoseFormat recognise(Path path) {
        byte[] head = new byte[0];
        if (Files.isRegularFile(path)) {
            try (InputStream in = Files.newInputStream(path)) {
                head = in.readNBytes(512);
            } catch (IOException e) {
                throw new PosettaException(path + " cannot be read (" + e.getMessage() + "): check the file.", e);
            }
        }
        for (PoseFormat f : ALL) {
            if (f.recognises(path, head)) {
                return f;
            }
        }
        throw new PosettaException(path + " is not in a format posetta recognises: use one of "
                + ALL.stream().map(PoseFormat::id).collect(Collectors.joining(", ")) + ", or name it with --in-format.");
    }

    /** The writable format for the extension of {@code path}. */
    public static PoseFormat forOutput(Path path) {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        for (PoseFormat f : ALL) {
            if (f.canWrite() && name.endsWith("." + f.id())) {
                return f;
            }
        }
        throw new PosettaException("Cannot tell the output format of " + path + " from its extension: name it with --format ("
                + ALL.stream().filter(PoseFormat::canWrite).map(PoseFormat::id).collect(Collectors.joining(", ")) + ").");
    }

    /** Writes {@code data} to {@code out} with {@code format} (by extension when null), atomically. */
    public static void write(PoseFile data, Path out, String format) {
        write(data, out, format, WriteOptions.DEFAULTS);
    }

    /** Writes {@code data} to {@code out} with {@code format} (by extension when null) and {@code options}, atomically. */
    public static void write(PoseFile data, Path out, String format, WriteOptions options) {
        PoseFormat f = format != null ? byId(format) : forOutput(out);
        if (!f.canWrite()) {
            throw new PosettaException("posetta reads " + f.id() + " but does not write it: choose another --format.");
        }
        AtomicOutput.write(out, tmp -> f.write(data, tmp, options));
    }
}
