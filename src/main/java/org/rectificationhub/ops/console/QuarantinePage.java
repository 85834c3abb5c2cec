package org.rectificationhub.ops.console;

import org.rectificationhub.HubProperties;
import org.rectificationhub.department.Department;
import org.rectificationhub.ledger.Quarantine;
import org.rectificationhub.parse.TextDecoding;
import org.rectificationhub.parse.UnreadableInputException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.server.ResponseStatusException;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * The latest rejected documents, read-only: who sent what on which channel and why it was refused; each original
 * shown as text, decoded the way the hub reads text (TextDecoding: UTF-8, else GB18030), or downloaded as sent.
 */
@Controller
@RequestMapping("/ops/quarantine")
class QuarantinePage {

    static final int ROWS = 200;
    /** A page shows this much of an original; the download has all of it. */
    static final int MAX_SHOWN_CHARS = 200_000;

    private final Quarantine quarantine;
    private final Map<String, String> departmentNames;

    QuarantinePage(Quarantine quarantine, HubProperties properties) {
        this.quarantine = quarantine;
        this.departmentNames = properties.departments().stream()
                .collect(Collectors.toUnmodifiableMap(Department::id, Department::name, (a, b) -> a));
    }

    @GetMapping
    String list(Model model) {
        model.addAttribute("rows", quarantine.recent(ROWS));
        model.addAttribute("limit", ROWS);
        model.addAttribute("departments", departmentNames);
        return "ops/quarantine";
    }

    @GetMapping("/{id}")
    String original(@PathVariable long id, Model model) {
        Map<String, Object> row = quarantine.one(id);
        byte[] bytes = row == null ? null : quarantine.original(id);
        if (bytes == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        model.addAttribute("row", row);
        model.addAttribute("departments", departmentNames);
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
