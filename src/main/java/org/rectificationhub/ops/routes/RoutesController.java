package org.rectificationhub.ops.routes;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;

/** The routes for operators: state and Camel's numbers, and stop, start, suspend, resume. */
@RestController
@RequestMapping("/api/routes")
class RoutesController {

    private final Routes routes;
    private final RouteControl control;

    RoutesController(Routes routes, RouteControl control) {
        this.routes = routes;
        this.control = control;
    }

    @GetMapping
    List<Routes.View> list() {
        return routes.all();
    }

    @GetMapping("/{id}")
    ResponseEntity<?> route(@PathVariable String id) {
        return routes.find(id).<ResponseEntity<?>>map(ResponseEntity::ok).orElseGet(() -> ResponseEntity.status(404)
                .body(Map.of("error", "no route '" + id + "'", "routes", routes.ids())));
    }

    @PostMapping("/{id}/{command:stop|start|suspend|resume}")
    ResponseEntity<Map<String, Object>> act(@PathVariable String id, @PathVariable String command,
                                            @RequestParam(required = false) String comment, Authentication operator) {
        return control.act(id, RouteControl.Command.of(command), operator.getName(), comment).toResponse();
    }
}
