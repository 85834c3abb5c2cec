package org.rectificationhub.ledger;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;

/** The operators' read API over the ledger. Writes only ever arrive through the channels. */
@RestController
@RequestMapping("/api")
class LedgerController {

    private final LedgerQueries queries;
    private final Quarantine quarantine;
    LedgerController(LedgerQueries queries, Quarantine quarantine) {
        this.queries = queries;
        this.quarantine = quarantine;
    }

    @GetMapping("/rounds")
    List<Map<String, Object>> rounds() {
        return queries.rounds();
    }

    @GetMapping("/rounds/{roundId}/problems")
    ResponseEntity<?> problems(@PathVariable String roundId) {
        return queries.problems(roundId).<ResponseEntity<?>>map(ResponseEntity::ok)
                .orElseGet(() -> ResponseEntity.status(404).body(Map.of("error", "unknown round", "roundId", roundId)));
    }

    @GetMapping("/quarantine")
    List<Map<String, Object>> quarantine(@RequestParam(defaultValue = "200") int limit) {
        return quarantine.recent(Math.max(1, Math.min(limit, 5000)));
    }

    @GetMapping("/quarantine/{id}/original")
    ResponseEntity<byte[]> original(@PathVariable long id) {
        byte[] bytes = quarantine.original(id);
        return bytes == null ? ResponseEntity.notFound().build()
                : ResponseEntity.ok().header("Content-Type", "application/octet-stream")
                .header("Content-Disposition", "attachment; filename=\"quarantine-" + id + ".bin\"").body(bytes);
    }
}
