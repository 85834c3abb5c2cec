package org.rectificationhub.ops.channels;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Every channel per department: last input, what waits, today's outcomes. */
@RestController
class ChannelsController {

    private final ChannelOverview overview;

    ChannelsController(ChannelOverview overview) {
        this.overview = overview;
    }

    @GetMapping("/api/channels")
    ChannelsReport channels() {
        return overview.report();
    }
}
