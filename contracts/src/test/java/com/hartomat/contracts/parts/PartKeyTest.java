package com.hartomat.contracts.parts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class PartKeyTest {

    @Test
    void aKeyIsTheRootThenEveryInstanceNameNormalised() {
        assertEquals("as1/l-bracket-assembly_2/nut-bolt-assembly_1/nut_3",
                PartKey.of(List.of("as1", "L-BRACKET-ASSEMBLY::2", "NUT-BOLT-ASSEMBLY::1", "NUT::3")));
    }

    @Test
    void segmentsLoseSlashesDotsAndBlanksButKeepLettersDigitsDashes() {
        assertEquals("gear_left", PartKey.segment("Gear; left"));
        assertEquals("welle_üß", PartKey.segment("Welle üß"));
        assertEquals("a_b_c", PartKey.segment("a/b.c"));
        assertEquals("bolt-m8_2", PartKey.segment("  Bolt-M8 <2> "));
        assertEquals("part", PartKey.segment("..."));
    }

    @Test
    void aHandWrittenPathIsNormalisedAndAPlainNameIsNoKey() {
        assertEquals("as1/rod-assembly/nut_1", PartKey.normalise("AS1/ROD-ASSEMBLY/NUT::1"));
        assertNull(PartKey.normalise("nut"));
        assertNull(PartKey.normalise("NUT::1"));
    }
}
