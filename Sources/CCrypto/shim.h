// OpenSSL's libcrypto, which libcurl already loads: ftg uses its SHA-256 only.
#include <openssl/sha.h>
