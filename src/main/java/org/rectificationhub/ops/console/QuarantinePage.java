package org.rectificationhub.ops.console;

import org.rectificationhub.ledger.Quarantine;
import org.rectificationhub.ledger.QuarantineResolutions;
import org.rectificationhub.ledger.QuarantineSearch;
import org.rectificationhub.ops.ActionResult;
import org.rectificationhub.ops.quarantine.QuarantineActions;
import org.rectificationhub.parse.TextDecoding;
import org.rectificationhub.parse.UnreadableInputException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.List;
import java.util.Map;

/**
 * Rejected documents, filtered (channel, department, reason, time, state), each with what became of it; replayed
 * once mended or discarded with a comment through QuarantineActions, the same audited service as
 * POST /api/quarantine/{id}/replay|discard; each original shown as text, decoded the way the hub reads text
 * (TextDecoding: UTF-8, else GB18030), or downloaded as sent.
 */
@Controller
@RequestMapping("/ops/quarantine")
class QuarantinePage {

    static final int ROWS = 200;
    /** A page shows this much of an original; the download has all of it. */
    static final int MAX_SHOWN_CHARS = 200_000;
    /** The channels whose documents the quarantine keeps, as its channel column names them. */
    static final List<String> CHANNELS = List.of("file", "kafka", "mail");

    private final Quarantine quarantine;
    private final QuarantineSearch search;
    private final QuarantineActions actions;
    private final ConsoleTime time;

    QuarantinePage(Quarantine quarantine, QuarantineSearch search, QuarantineActions actions, ConsoleTime time) {
        this.quarantine = quarantine;
        this.search = search;
        this.actions = actions;
        this.time = time;
    }

    @GetMapping
    String list(QuarantineFilterForm filters, Model model) {
        List<Map<String, Object>> rows = List.of();
        try {
            rows = search.find(filters.checked(time.zone(), ROWS));
        } catch (IllegalArgumentException wrongFilter) {
            model.addAttribute("filterError", wrongFilter.getMessage());
        }
        model.addAttribute("rows", rows);
        model.addAttribute("limit", ROWS);
        model.addAttribute("filters", filters);
        model.addAttribute("filterQuery", filters.query());
        model.addAttribute("channels", CHANNELS);
        model.addAttribute("states", QuarantineResolutions.STATES);
        return "ops/quarantine";
    }

    @PostMapping("/{id}/replay")
    String replay(@PathVariable long id, @RequestParam(required = false) String comment, QuarantineFilterForm filters,
                  Authentication operator, RedirectAttributes next) {
        return back(id, "replay", actions.replay(id, operator.getName(), given(comment)), filters, next);
    }

    /** Refused without a comment by the service itself, so the API and the console cannot differ on it. */
    @PostMapping("/{id}/discard")
    String discard(@PathVariable long id, @RequestParam(required = false) String comment, QuarantineFilterForm filters,
                   Authentication operator, RedirectAttributes next) {
        return back(id, "discard", actions.discard(id, operator.getName(), given(comment)), filters, next);
    }

    /** To the list as it was filtered, which says what came of the action, as a refusal or a failure too. */
    private static String back(long id, String action, ActionResult result, QuarantineFilterForm filters,
                               RedirectAttributes next) {
        next.addFlashAttribute("outcome", result);
        next.addFlashAttribute("outcomeId", id);
        next.addFlashAttribute("outcomeAction", action);
        filters.keep(next);
        return "redirect:/ops/quarantine";
    }

    private static String given(String comment) {
        return comment == null || comment.isBlank() ? null : comment.strip();
    }

    @GetMapping("/{id}")
    String original(@PathVariable long id, Model model) {
        Map<String, Object> row = quarantine.one(id);
        byte[] bytes = row == null ? null : quarantine.original(id);
        if (bytes == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        model.addAttribute("row", row);
        model.addAttribute("size", bytes.length);
        try {
            TextDecoding.Decoded decoded = TextDecoding.decode(bytes, null);
            String text = decoded.text();
            model.addAttribute("charset", decoded.charset());
            model.addAttribute("cut", text.length() > MAX_SHOWN_CHARS);
            model.addAttribute("text", shown(text));
        } catch (UnreadableInputException notText) {
            // a Word or Excel file, or text the hub itself would not read: the reason, and the download
            model.addAttribute("notText", notText.getMessage());
        }
        return "ops/quarantine-original";
    }

    /** The text's start, never ending in half a surrogate pair. */
    static String shown(String text) {
        if (text.length() <= MAX_SHOWN_CHARS) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(MAX_SHOWN_CHARS - 1)) ? MAX_SHOWN_CHARS - 1 : MAX_SHOWN_CHARS;
        return text.substring(0, end);
    }

    /** The bytes as they were kept, never interpreted by the browser. */
    @GetMapping("/{id}/original")
    ResponseEntity<byte[]> download(@PathVariable long id) {
        byte[] bytes = quarantine.original(id);
        if (bytes == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_OCTET_STREAM)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"quarantine-" + id + ".bin\"")
                .header("X-Content-Type-Options", "nosniff").body(bytes);
    }
}
