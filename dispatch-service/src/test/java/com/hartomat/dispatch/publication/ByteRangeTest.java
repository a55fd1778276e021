package com.hartomat.dispatch.publication;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ByteRangeTest {

    @ParameterizedTest(name = "{0} of {1} bytes -> {2}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
        "null            | 100 | whole",
        "bytes=0-9       | 100 | 0-9",
        "bytes=10-19     | 100 | 10-19",
        "BYTES=10-19     | 100 | 10-19",
        "bytes=90-       | 100 | 90-99",
        "bytes=90-500    | 100 | 90-99",
        "bytes=0-        | 100 | 0-99",
        "bytes=-10       | 100 | 90-99",
        "bytes=-500      | 100 | 0-99",
        "bytes=99-99     | 100 | 99-99",
        "bytes=100-      | 100 | unsatisfiable",
        "bytes=100-200   | 100 | unsatisfiable",
        "bytes=-0        | 100 | unsatisfiable",
        "bytes=0-        | 0   | unsatisfiable",
        "bytes=-5        | 0   | unsatisfiable",
        "bytes=99999999999999999999- | 100 | unsatisfiable",
        "bytes=5-99999999999999999999 | 100 | 5-99",
        "bytes=20-10     | 100 | whole",
        "bytes=0-1,5-6   | 100 | whole",
        "items=0-9       | 100 | whole",
        "bytes=a-b       | 100 | whole",
        "bytes=-         | 100 | whole",
        "bytes=+1-5      | 100 | whole",
        "bytes=5         | 100 | whole",
    })
    void aRangeHeaderIsAnsweredWithOneRangeTheWholeContentOr416(String header, long total, String expected) {
        ByteRange.Answer answer = ByteRange.answer(header, total);
        String actual = answer instanceof ByteRange.Partial p ? p.range().first() + "-" + p.range().last()
                : answer instanceof ByteRange.Unsatisfiable ? "unsatisfiable" : "whole";
        assertEquals(expected, actual);
    }

    @ParameterizedTest
    @CsvSource({"10, 19, 100, bytes 10-19/100, 10", "0, 0, 1, bytes 0-0/1, 1"})
    void contentRangeNamesTheRangeAndTheTotal(long first, long last, long total, String contentRange, long length) {
        ByteRange range = new ByteRange(first, last);
        assertEquals(contentRange, range.contentRange(total));
        assertEquals(length, range.length());
        assertEquals("bytes */" + total, ByteRange.unsatisfied(total));
    }
}
