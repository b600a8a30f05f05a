#!/usr/bin/env python3
"""The benchmark's stand-in for a production issuer: an RSA key pair made with openssl, its public half as the JSON Web
Key Set the API is configured to trust (Authentication:SigningKeysFile), and RS256 tokens signed with the private half.
  bench/issuer.py keys DIR                 writes DIR/issuer-key.pem and DIR/issuer-keys.json
  bench/issuer.py token DIR SUB SCOPE...   prints a token for SUB with those scopes, valid for two hours
"""
import base64, json, subprocess, sys, time

ISSUER, AUDIENCE, KID = "https://issuer.bench.invalid", "integration-governance", "bench"


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def keys(folder):
    private = f"{folder}/issuer-key.pem"
    subprocess.run(["openssl", "genrsa", "-out", private, "2048"], check=True, capture_output=True)
    modulus = subprocess.run(["openssl", "rsa", "-in", private, "-noout", "-modulus"], check=True, capture_output=True, text=True)
    n = bytes.fromhex(modulus.stdout.strip().split("=", 1)[1])
    jwks = {"keys": [{"kty": "RSA", "use": "sig", "alg": "RS256", "kid": KID, "n": b64url(n), "e": b64url((65537).to_bytes(3, "big"))}]}
    with open(f"{folder}/issuer-keys.json", "w") as out:
        json.dump(jwks, out)


def token(folder, subject, scopes):
    now = int(time.time())
    header = b64url(json.dumps({"alg": "RS256", "typ": "JWT", "kid": KID}).encode())
    payload = b64url(json.dumps({"iss": ISSUER, "aud": AUDIENCE, "sub": subject, "scope": " ".join(scopes),
                                 "iat": now, "nbf": now, "exp": now + 7200}).encode())
    signed = f"{header}.{payload}".encode()
    signature = subprocess.run(["openssl", "dgst", "-sha256", "-sign", f"{folder}/issuer-key.pem"], input=signed, check=True,
                               capture_output=True).stdout
    return f"{header}.{payload}.{b64url(signature)}"


if __name__ == "__main__":
    if sys.argv[1:2] == ["keys"]:
        keys(sys.argv[2])
    elif sys.argv[1:2] == ["token"]:
        print(token(sys.argv[2], sys.argv[3], sys.argv[4:]))
    else:
        sys.exit(__doc__)
