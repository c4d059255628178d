package org.posetta.io;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.posetta.pose.PosettaException;

/**
 * NumPy's {@code .npz} file: a zip archive of {@code .npy} arrays, entry {@code NAME.npy} holding
 * the array named {@code NAME} ({@code np.savez} stores entries, {@code np.savez_compressed}
 * deflates them; both are read). Names may contain {@code /}.
 */
public final class Npz {
    private static final String SUFFIX = ".npy";
    /** NumPy's own entry time, so that the same arrays always give the same bytes. */
    private static final LocalDateTime ENTRY_TIME = LocalDateTime.of(1980, 1, 1, 0, 0);

    private Npz() {
    }

    /** The array names in {@code file}, in archive order. */
    public static List<String> names(Path file) {
        try (ZipFile zip = open(file)) {
            List<String> names = new ArrayList<>();
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements();) {
                String n = e.nextElement().getName();
                if (n.endsWith(SUFFIX)) {
                    names.add(n.substring(0, n.length() - SUFFIX.length()));
                }
            }
            return names;
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    /** All arrays in {@code file}, by name in archive order. */
    public static Map<String, NdArray> read(Path file) {
        return read(file, null, ReadOptions.DEFAULTS);
    }

    /** All arrays in {@code file}, by name in archive order, within {@link ReadOptions#maxArrayBytes()}. */
    public static Map<String, NdArray> read(Path file, ReadOptions options) {
        return read(file, null, options);
    }

    /**
     * The arrays named in {@code names} (all when null), by name in archive order.
     *
     * @throws PosettaException when a named array is not in the file, or an array is unreadable
     */
    public static Map<String, NdArray> read(Path file, Collection<String> names) {
        return read(file, names, ReadOptions.DEFAULTS);
    }

    /**
     * The arrays named in {@code names} (all when null), by name in archive order, refusing an
     * archive whose entries decode to more than {@link ReadOptions#maxArrayBytes()} (a zip bomb).
     *
     * @throws PosettaException when a named array is not in the file, or an array is unreadable
     */
    public static Map<String, NdArray> read(Path file, Collection<String> names, ReadOptions options) {
        ArrayBudget budget = ArrayBudget.forFile(file, options);
        Map<String, NdArray> arrays = new LinkedHashMap<>();
        try (ZipFile zip = open(file)) {
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements();) {
                ZipEntry entry = e.nextElement();
                String n = entry.getName();
                if (!n.endsWith(SUFFIX)) {
                    continue;
                }
                String name = n.substring(0, n.length() - SUFFIX.length());
                if (names != null && !names.contains(name)) {
                    continue;
                }
                String source = file + " (entry " + n + ")";
                budget.checkEntrySize(entry.getSize(), source);
                try (InputStream in = new BufferedInputStream(budget.limit(zip.getInputStream(entry), source), 1 << 16)) {
                    arrays.put(name, Npy.read(in, source, budget));
                }
            }
        } catch (ZipException e) {
            throw new PosettaException(file + " is a damaged .npz archive (" + e.getMessage() + "): check that the file is complete.", e);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
        if (names != null) {
            for (String n : names) {
                if (!arrays.containsKey(n)) {
                    throw new PosettaException(file + " has no array '" + n + "' (it has " + String.join(", ", names(file))
                            + "): give the right file.");
                }
            }
        }
        return Collections.unmodifiableMap(arrays);
    }

    /**
     * Writes {@code arrays} to {@code file} as {@code np.savez} ({@code compress} false: stored
     * entries) or {@code np.savez_compressed} (true: deflated) would. Not atomic;
     * {@link Formats#write} moves a temporary file into place.
     */
    public static void write(Path file, Map<String, NdArray> arrays, boolean compress) throws IOException {
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
                ZipOutputStream zip = new ZipOutputStream(os)) {
            for (Map.Entry<String, NdArray> a : arrays.entrySet()) {
                ByteArrayOutputStream npy = new ByteArrayOutputStream();
                Npy.write(npy, a.getValue());
                byte[] bytes = npy.toByteArray();
                ZipEntry entry = new ZipEntry(a.getKey() + SUFFIX);
                entry.setTimeLocal(ENTRY_TIME);
                if (compress) {
                    entry.setMethod(ZipEntry.DEFLATED);
                } else {
                    CRC32 crc = new CRC32();
                    crc.update(bytes);
                    entry.setMethod(ZipEntry.STORED);
                    entry.setSize(bytes.length);
                    entry.setCompressedSize(bytes.length);
                    entry.setCrc(crc.getValue());
                }
                zip.putNextEntry(entry);
                zip.write(bytes);
                zip.closeEntry();
            }
        }
    }

    /** True when {@code head} starts like a zip archive. */
    static boolean isZip(byte[] head) {
        return head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
    }

    private static ZipFile open(Path file) throws IOException {
        try {
            return new ZipFile(file.toFile());
        } catch (ZipException e) {
            throw new PosettaException(file + " is not a complete .npz (zip) archive (" + e.getMessage()
                    + "): check that the file is complete.", e);
        }
    }

    private static PosettaException unreadable(Path file, IOException e) {
        return new PosettaException(file + " could not be read (" + e.getMessage() + "): check that the file exists and is complete.", e);
    }
}
