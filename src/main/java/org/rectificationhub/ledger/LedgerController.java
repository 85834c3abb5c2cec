package org.rectificationhub.ledger;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;

/**
 * The operators' read API over the ledger. Writes only ever arrive through the channels. (The quarantine's API is
 * ops/quarantine's, beside the operators' actions on it.)
 */
@RestController
@RequestMapping("/api")
class LedgerController {

    private final LedgerQueries queries;

    LedgerController(LedgerQueries queries) {
        this.queries = queries;
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
}
