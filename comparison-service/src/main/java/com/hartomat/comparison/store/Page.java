package com.hartomat.comparison.store;

import java.util.List;

/** One page of a list, with the total over all pages. */
public record Page<T>(List<T> items, long total, int page, int pageSize) {
}
