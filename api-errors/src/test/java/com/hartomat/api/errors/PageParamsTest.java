package com.hartomat.api.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PageParamsTest {

    @Test
    void absentParametersTakeTheDefaults() {
        assertEquals(new PageParams(1, PageParams.DEFAULT_SIZE), PageParams.of(null, " "));
    }

    @Test
    void theLastPageHasAnOffsetThatDoesNotOverflow() {
        PageParams last = PageParams.of(Integer.toString(PageParams.MAX_PAGE), "500", 500);
        assertEquals((PageParams.MAX_PAGE - 1L) * 500, last.offset());
    }

    @Test
    void aLargePageSizeIsCappedAtTheEndpointsMaximum() {
        assertEquals(200, PageParams.of("1", "99999999999").size());
    }

    @ParameterizedTest
    @CsvSource({"2147483647,invalid_page", "0,invalid_page", "-1,invalid_page", "abc,invalid_page",
        "99999999999999999999,invalid_page", "1.5,invalid_page"})
    void pagesOutsideTheBoundAre400WithACode(String page, String code) {
        ApiException e = assertThrows(ApiException.class, () -> PageParams.of(page, null));
        assertEquals(400, e.status());
        assertEquals(code, e.code());
        assertEquals("/page", e.path());
    }

    @Test
    void aPageSizeBelowOneIsRefused() {
        assertEquals("invalid_page_size", assertThrows(ApiException.class, () -> PageParams.of("1", "0")).code());
    }
}
