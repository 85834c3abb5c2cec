package org.rectificationhub;

import org.rectificationhub.parse.ParseCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

@SpringBootApplication
@ConfigurationPropertiesScan
public class HubApplication {

    public static void main(String[] args) {
        // The office's check of a file needs no server, broker or database: dispatch before Spring starts.
        if (args.length > 0 && ParseCommand.NAME.equals(args[0])) {
            PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
            PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
            System.exit(ParseCommand.run(args, out, err));
        }
        SpringApplication.run(HubApplication.class, args);
    }
}
