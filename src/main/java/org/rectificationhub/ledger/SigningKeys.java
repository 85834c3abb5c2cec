package org.rectificationhub.ledger;

import org.rectificationhub.DataDir;
import org.rectificationhub.HubProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The hub's Ed25519 key for signing ledger checkpoints: a configured key file (HUB_LEDGER_SIGNING_KEY_FILE, PKCS#8,
 * base64) in production, else one generated on the first run in $HUB_DATA_DIR/keys/, created readable by the hub's
 * user only. Trusted for verification: this key and any public keys configured (other hub instances, old keys).
 */
@Component
class SigningKeys {

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);
    private static final String ALGORITHM = "Ed25519";

    private final PrivateKey privateKey;
    private final String publicKey;
    private final Set<String> trusted = new LinkedHashSet<>();

    SigningKeys(HubProperties properties, @Value("${hub.ledger.signing-key-file:}") String keyFile,
                @Value("${hub.ledger.trusted-keys:}") List<String> trustedKeys) {
        Path file = keyFile.isBlank()
                ? properties.dataDir().toAbsolutePath().normalize().resolve("keys").resolve("ledger-signing.key")
                : Path.of(keyFile);
        try {
            KeyPair pair = Files.exists(file) ? read(file) : generate(file);
            this.privateKey = pair.getPrivate();
            this.publicKey = Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the ledger signing key " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the ledger signing key " + file + " is not an Ed25519 PKCS#8 key", e);
        }
        trusted.add(publicKey);
        trustedKeys.stream().map(String::strip).filter(k -> !k.isEmpty()).forEach(trusted::add);
    }

    String publicKey() {
        return publicKey;
    }

    Set<String> trusted() {
        return Set.copyOf(trusted);
    }

    String sign(String payload) {
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initSign(privateKey);
            signature.update(payload.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    /** True when the signature is valid for the payload under the given public key (base64 X.509). */
    static boolean valid(String publicKey, String payload, String signatureBase64) {
        try {
            PublicKey key = KeyFactory.getInstance(ALGORITHM)
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(publicKey)));
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initVerify(key);
            signature.update(payload.getBytes(StandardCharsets.UTF_8));
            return signature.verify(Base64.getDecoder().decode(signatureBase64));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private static KeyPair read(Path file) throws IOException, GeneralSecurityException {
        byte[] pkcs8 = Base64.getMimeDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII)
                .replaceAll("-----[A-Z ]+-----", "").strip());
        KeyFactory factory = KeyFactory.getInstance(ALGORITHM);
        PrivateKey key = factory.generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        // A PKCS#8 v1 Ed25519 key does not carry its public key, and the JDK cannot derive it: it is kept beside.
        Path pub = file.resolveSibling(file.getFileName() + ".pub");
        if (!Files.exists(pub)) {
            throw new GeneralSecurityException("the public key " + pub + " is missing beside the signing key");
        }
        PublicKey publicKey = factory.generatePublic(new X509EncodedKeySpec(Base64.getMimeDecoder()
                .decode(Files.readString(pub, StandardCharsets.US_ASCII).strip())));
        return new KeyPair(publicKey, key);
    }

    /** Created readable by the hub's user only, never narrowed after the key is in it. */
    private static KeyPair generate(Path file) throws GeneralSecurityException {
        KeyPair pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        DataDir.writeNewPrivate(file, Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()) + "\n");
        DataDir.writeNewPrivate(file.resolveSibling(file.getFileName() + ".pub"),
                Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()) + "\n");
        log.info("Generated the ledger signing key {} (Ed25519); its public key is published with every checkpoint",
                file);
        return pair;
    }
}
