#include "shelfnode/ota/fetch_bundle.h"

#include <curl/curl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>

#include "bundle_tree.h"
#include "http_get.h"
#include "remove_tree.h"
#include "shelfnode/core/atomic_file.h"
#include "shelfnode/core/printable.h"
#include "shelfnode/ota/refusal.h"
#include "small_file.h"

namespace shelfnode::ota {
namespace {

// verify_bundle's own bounds on the two small files.
constexpr std::uint64_t kMaxManifestBytes = 1024 * 1024;
constexpr std::uint64_t kMaxSignatureBytes = 4096;

struct UrlDeleter {
  void operator()(CURLU* u) const { curl_url_cleanup(u); }
};
struct CurlStringDeleter {
  void operator()(char* s) const { curl_free(s); }
};

// The URL's path (no query), or "" when it does not parse.
std::string path_of(const std::string& url) {
  std::unique_ptr<CURLU, UrlDeleter> parsed(curl_url());
  char* raw = nullptr;
  if (!parsed || curl_url_set(parsed.get(), CURLUPART_URL, url.c_str(), 0) != CURLUE_OK ||
      curl_url_get(parsed.get(), CURLUPART_PATH, &raw, 0) != CURLUE_OK) {
    return "";
  }
  std::unique_ptr<char, CurlStringDeleter> path(raw);
  return path.get();
}

bool has_query(const std::string& url) {
  std::unique_ptr<CURLU, UrlDeleter> parsed(curl_url());
  char* raw = nullptr;
  if (!parsed || curl_url_set(parsed.get(), CURLUPART_URL, url.c_str(), 0) != CURLUE_OK) {
    return false;
  }
  const bool has = curl_url_get(parsed.get(), CURLUPART_QUERY, &raw, 0) == CURLUE_OK;
  curl_free(raw);
  return has;
}

// A listed path as a URL path: every byte but unreserved ones and '/' percent-encoded.
std::string encoded(const std::string& path) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : path) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '.' || c == '_' || c == '~' || c == '/') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

Status make_folder(const std::string& path) {
  if (::mkdir(path.c_str(), 0700) == 0) return Status::Ok();
  struct stat st {};
  if (errno == EEXIST && ::lstat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) {
    return Status::Ok();
  }
  return io_error("cannot use " + printable(path) + " as a staging folder: " +
                  (errno == EEXIST ? std::string("it is not a folder") : std::strerror(errno)));
}

// The folders above a listed file, inside the staging bundle (the path is plain: no "..").
Status make_parents(const std::string& root, const std::string& path) {
  for (std::size_t slash = path.find('/'); slash != std::string::npos;
       slash = path.find('/', slash + 1)) {
    SHELFNODE_RETURN_IF_ERROR(make_folder(root + "/" + path.substr(0, slash)));
  }
  return Status::Ok();
}

void add(DownloadStats& totals, const DownloadStats& one) {
  totals.bytes_received += one.bytes_received;
  totals.requests += one.requests;
  totals.restarts += one.restarts;
  totals.size += one.size;
}

// A small file fetched whole each time (a new release replaces it), into `dest`.
Result<std::string> fetch_small(const std::string& url, const std::string& dest, std::uint64_t cap,
                                const FetchOptions& options, DownloadStats& totals) {
  DownloadOptions o = options.download;
  o.expected_size.reset();
  o.expected_sha256.clear();
  o.max_bytes = cap;
  (void)::unlink((dest + ".part").c_str());
  (void)::unlink((dest + ".part.state").c_str());
  Result<DownloadStats> got = download_resumable(url, dest, o);
  if (!got.ok()) return got.status();
  add(totals, *got);
  Result<SmallFile> file = read_small_file(dest, cap, Links::kRefuse);
  if (!file.ok()) return file.status();
  if (file->kind != FileKind::kRegular) return io_error("cannot read back " + printable(dest));
  return std::move(file->bytes);
}

Result<FetchedBundle> fetch_folder(const std::string& url, const std::string& staging,
                                   const TrustedKeys& keys, const DeviceVersions& device,
                                   const Clock& clock, const FetchOptions& options) {
  if (has_query(url)) {
    return config_error("a bundle folder URL cannot carry a query (" + url_for_messages(url) +
                        "): give the folder, or one .tar");
  }
  const std::string base = url.back() == '/' ? url : url + "/";
  FetchedBundle out;
  const std::string incoming = staging + "/incoming";
  SHELFNODE_RETURN_IF_ERROR(make_folder(incoming));
  Result<std::string> signature =
      fetch_small(base + "manifest.json.sig", incoming + "/manifest.json.sig", kMaxSignatureBytes,
                  options, out.totals);
  if (!signature.ok()) return signature.status();
  Result<std::string> manifest = fetch_small(base + "manifest.json", incoming + "/manifest.json",
                                             kMaxManifestBytes, options, out.totals);
  if (!manifest.ok()) return manifest.status();
  Result<VerifiedBundle> verified = verify_manifest(*manifest, *signature, keys, device, clock);
  if (!verified.ok()) return verified.status();

  std::uint64_t sum = 0;
  for (const ManifestFile& f : verified->manifest.files) sum += f.size;
  if (sum > options.max_bundle_bytes) {
    return refuse(Refusal::kTooLarge, "the bundle lists " + std::to_string(sum) +
                                          " bytes, more than the cap of " +
                                          std::to_string(options.max_bundle_bytes));
  }
  // What an earlier call left is resumed only for the same signed manifest; for another
  // one (a newer release) the folder starts empty, so no old file is mistaken for a new one.
  out.bundle_dir = staging + "/bundle";
  Result<SmallFile> kept =
      read_small_file(out.bundle_dir + "/manifest.json", kMaxManifestBytes, Links::kRefuse);
  if (!kept.ok() || kept->kind != FileKind::kRegular || kept->bytes != *manifest) {
    SHELFNODE_RETURN_IF_ERROR(remove_tree(out.bundle_dir));
  }
  SHELFNODE_RETURN_IF_ERROR(make_folder(out.bundle_dir));
  SHELFNODE_RETURN_IF_ERROR(
      write_file_atomically(out.bundle_dir + "/manifest.json.sig", *signature, 0644));
  SHELFNODE_RETURN_IF_ERROR(
      write_file_atomically(out.bundle_dir + "/manifest.json", *manifest, 0644));

  for (const ManifestFile& f : verified->manifest.files) {
    const std::string dest = out.bundle_dir + "/" + f.path;
    if (check_listed_file(out.bundle_dir, f).ok()) continue;  // finished by an earlier call
    SHELFNODE_RETURN_IF_ERROR(make_parents(out.bundle_dir, f.path));
    DownloadOptions o = options.download;
    o.expected_size = f.size;
    o.expected_sha256 = f.sha256;
    o.max_bytes = f.size;
    Result<DownloadStats> got = download_resumable(base + encoded(f.path), dest, o);
    if (!got.ok()) return got.status().with_context(printable(f.path));
    add(out.totals, *got);
  }
  // The authoritative check, on exactly what is on disk now.
  Result<VerifiedBundle> final_check = verify_bundle(out.bundle_dir, keys, device, clock);
  if (!final_check.ok()) {
    // Whatever made it fail (a stray file, one changed on disk) would fail every later call
    // that resumes this folder: the next one starts empty.
    (void)remove_tree(out.bundle_dir);
    return final_check.status();
  }
  out.verified = std::move(final_check).value();
  (void)remove_tree(incoming);
  return out;
}

Result<FetchedBundle> fetch_tar(const std::string& url, const std::string& staging,
                                const TrustedKeys& keys, const DeviceVersions& device,
                                const Clock& clock, const FetchOptions& options) {
  FetchedBundle out;
  const std::string tar = staging + "/bundle.tar";
  DownloadOptions o = options.download;
  o.max_bytes = options.max_bundle_bytes;
  Result<DownloadStats> got = download_resumable(url, tar, o);
  if (!got.ok()) return got.status();
  out.totals = *got;
  out.bundle_dir = staging + "/bundle";
  SHELFNODE_RETURN_IF_ERROR(remove_tree(out.bundle_dir));
  TarLimits limits = options.tar;
  limits.max_total_bytes = std::min(limits.max_total_bytes, options.max_bundle_bytes);
  Result<UnpackStats> unpacked = unpack_bundle_tar(tar, out.bundle_dir, limits);
  // Unpacked or refused, the tar has done its job: a refused one is downloaded afresh.
  (void)::unlink(tar.c_str());
  if (!unpacked.ok()) return unpacked.status();
  Result<VerifiedBundle> verified = verify_bundle(out.bundle_dir, keys, device, clock);
  if (!verified.ok()) {
    (void)remove_tree(out.bundle_dir);
    return verified.status();
  }
  out.verified = std::move(verified).value();
  return out;
}

bool is_tar_url(const std::string& url) {
  const std::string path = path_of(url);
  return path.size() > 4 && path.compare(path.size() - 4, 4, ".tar") == 0;
}

}  // namespace

Result<FetchedBundle> fetch_bundle(const std::string& url, const std::string& staging_dir,
                                   const TrustedKeys& keys, const DeviceVersions& device,
                                   const Clock& clock, const FetchOptions& options) {
  if (url.empty()) return config_error("no bundle URL");
  SHELFNODE_RETURN_IF_ERROR(make_folder(staging_dir));
  return is_tar_url(url) ? fetch_tar(url, staging_dir, keys, device, clock, options)
                         : fetch_folder(url, staging_dir, keys, device, clock, options);
}

}  // namespace shelfnode::ota
