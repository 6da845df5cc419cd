/* libcurl_floor: the memory floor under any HTTPS call made with this machine's libcurl.
 *
 * One authenticated GET, the same one `shelfnode wix call` makes for bench_catalog_pull's
 * "1 call" figure, from a program that links nothing but libcurl: no C++ runtime, no SQLite,
 * no shelfnode code. Its peak resident set is what libcurl, its TLS library and the libraries
 * the distribution built it with cost by themselves; no client built on this libcurl can
 * make an HTTPS call in less.
 *
 * usage: libcurl_floor URL CA_FILE SITE_ID KEY_FILE   (the key is read from a file, never argv)
 * exit: 0 when the call got an HTTP 2xx, 1 otherwise (the reason on stderr).
 */
#include <curl/curl.h>
#include <stdio.h>
#include <string.h>

static size_t discard(char* data, size_t size, size_t count, void* user) {
  (void)data;
  (void)user;
  return size * count;
}

static int read_key(const char* path, char* key, size_t size) {
  FILE* in = fopen(path, "r");
  if (in == NULL) return 0;
  const int ok = fgets(key, (int)size, in) != NULL;
  fclose(in);
  key[strcspn(key, "\r\n")] = '\0';
  return ok && key[0] != '\0';
}

int main(int argc, char** argv) {
  if (argc != 5) {
    fprintf(stderr, "usage: libcurl_floor URL CA_FILE SITE_ID KEY_FILE\n");
    return 2;
  }
  char key[512];
  char auth[600];
  char site[128];
  if (!read_key(argv[4], key, sizeof key)) {
    fprintf(stderr, "libcurl_floor: cannot read a key from %s\n", argv[4]);
    return 1;
  }
  snprintf(auth, sizeof auth, "Authorization: %s", key);
  snprintf(site, sizeof site, "wix-site-id: %s", argv[3]);
  if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) return 1;
  CURL* curl = curl_easy_init();
  struct curl_slist* headers = curl_slist_append(NULL, auth);
  struct curl_slist* all = headers != NULL ? curl_slist_append(headers, site) : NULL;
  int status = 1;
  if (curl != NULL && all != NULL) {
    curl_easy_setopt(curl, CURLOPT_URL, argv[1]);
    curl_easy_setopt(curl, CURLOPT_CAINFO, argv[2]);
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, all);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, discard);
    const CURLcode rc = curl_easy_perform(curl);
    long http = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &http);
    if (rc != CURLE_OK) {
      fprintf(stderr, "libcurl_floor: %s\n", curl_easy_strerror(rc));
    } else if (http < 200 || http > 299) {
      fprintf(stderr, "libcurl_floor: HTTP %ld\n", http);
    } else {
      status = 0;
    }
  }
  curl_slist_free_all(all != NULL ? all : headers);
  curl_easy_cleanup(curl);
  curl_global_cleanup();
  return status;
}
