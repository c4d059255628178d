package org.posetta.io;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.posetta.pose.PosettaException;

/** The rows of a CSV file written by another tool (RFC 4180 quoting), for the readers of CSV keypoint files. */
final class CsvRows {
    /** One line's trimmed fields and its 1-based line number in the file, for messages. */
    record Row(int line, List<String> fields) {
        String get(int i) {
            return i < fields.size() ? fields.get(i) : "";
        }
    }

    private CsvRows() {
    }

    /** Every non-blank line that is not a {@code #} comment, split into trimmed fields. */
    static List<Row> read(Path file, String tool) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (MalformedInputException e) {
            throw new PosettaException(file + " is not a text file: give the CSV file " + tool + " wrote.", e);
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!line.isBlank() && !line.startsWith("#")) {
                rows.add(new Row(i + 1, split(line)));
            }
        }
        return rows;
    }

    static List<String> split(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder f = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    f.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    f.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(f.toString().trim());
                f.setLength(0);
            } else {
                f.append(c);
            }
        }
        fields.add(f.toString().trim());
        return fields;
    }

    /**
     * The number in a cell: NaN for an empty cell or {@code nan}; a clear error naming the file,
     * line and column for anything else that is not a number.
     *
     * @param line 1-based line number for the message
     */
    static double number(Path file, int line, String column, String cell) {
        if (cell.isEmpty() || cell.equalsIgnoreCase("nan") || cell.equalsIgnoreCase("none") || cell.equalsIgnoreCase("null")) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            throw new PosettaException(file + " line " + line + " column " + column + " holds '" + cell
                    + "', not a number: give the file as the tool wrote it.");
        }
    }

    /** The head of a file as its first line of text, lower-cased, for recognising CSV files by content. */
    static String firstLine(byte[] head) {
        String text = new String(head, StandardCharsets.UTF_8);
        int end = text.indexOf('\n');
        return (end < 0 ? text : text.substring(0, end)).trim().toLowerCase(Locale.ROOT);
    }
}
