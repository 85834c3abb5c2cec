package org.rectificationhub;

import org.rectificationhub.ledger.VerifyCommand;
import org.rectificationhub.parse.ParseCommand;
import org.rectificationhub.security.AccountCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

@SpringBootApplication
@ConfigurationPropertiesScan
public class HubApplication {

    public static void main(String[] args) {
        // The office's check of a file needs no server, broker or database: dispatch before Spring starts.
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        if (args.length > 0 && ParseCommand.NAME.equals(args[0])) {
            System.exit(ParseCommand.run(args, out, err));
        }
        // The auditor's offline check of the ledger: no server, channel or broker.
        if (args.length > 0 && VerifyCommand.NAME.equals(args[0])) {
            System.exit(VerifyCommand.run(HubApplication.class, args, out, err));
        }
        // The people who sign in, given by whoever holds the host and the database.
        if (args.length > 0 && AccountCommand.NAME.equals(args[0])) {
            System.exit(AccountCommand.run(HubApplication.class, args, AccountCommand.fromTerminal(), out, err));
        }
        SpringApplication.run(HubApplication.class, args);
    }

    /** The hub's one clock: deadlines, silence and digests read it, so tests can move time (@TestBean). */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
