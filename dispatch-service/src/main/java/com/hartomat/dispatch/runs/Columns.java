package com.hartomat.dispatch.runs;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.List;

/** Rows collected column by column, handed to PostgreSQL as typed arrays for {@code unnest} (one round trip). */
public final class Columns {

    private final int width;
    private final List<Object[]> rows = new ArrayList<>();

    public Columns(int width) {
        this.width = width;
    }

    public void add(Object... row) {
        if (row.length != width) {
            throw new IllegalArgumentException("a row of " + row.length + " values where " + width + " are expected");
        }
        rows.add(row);
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** The parameters {@code $first, $first+1, …} cast to arrays of the given PostgreSQL types, for {@code unnest(…)}. */
    public static String params(int first, String... types) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < types.length; i++) {
            s.append(i == 0 ? "" : ", ").append('$').append(first + i).append("::").append(types[i]).append("[]");
        }
        return s.toString();
    }

    /** Appends one typed array per column, in column order. */
    public void appendTo(List<Object> args, Class<?>... types) {
        for (int c = 0; c < width; c++) {
            Object column = Array.newInstance(types[c], rows.size());
            for (int r = 0; r < rows.size(); r++) {
                Array.set(column, r, types[c].cast(rows.get(r)[c]));
            }
            args.add(column);
        }
    }
}
