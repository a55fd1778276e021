package com.hartomat.worker.blender;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BoundedLogTest {

    @Test
    void keepsTheStartAndTheEndWithinTheLimit() {
        BoundedLog log = new BoundedLog(400);
        log.line("$ blender -b --factory-startup");
        for (int i = 0; i < 1000; i++) {
            log.line("line " + i);
        }
        log.line("Error: the final error");
        String text = log.text();
        assertTrue(text.length() < 500, "bounded: " + text.length());
        assertTrue(text.startsWith("$ blender"), "head kept");
        assertTrue(text.endsWith("Error: the final error\n"), "tail kept");
        assertTrue(text.contains("characters omitted"), "the cut is marked");
        assertTrue(log.tail(30).endsWith("the final error\n"));
    }
}
