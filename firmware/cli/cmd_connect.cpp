// `connect`: check a Wix site and API key live, then store them. Nothing is stored until
// every check passed; then the database, the key file and config.json are written in that
// order, config.json last because its site_id is what marks the device as connected.
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "cli/commands.h"
#include "shelfnode/core/json.h"
#include "shelfnode/core/logger.h"
#include "shelfnode/core/path.h"
#include "shelfnode/core/printable.h"
#include "shelfnode/core/uuid.h"
#include "shelfnode/store/meta.h"
#include "shelfnode/wix/connection.h"
#include "shelfnode/wix/credentials.h"
#include "shelfnode/wix/site_check.h"
#include "shelfnode/wix/url_policy.h"

namespace shelfnode::cli {
namespace {

constexpr const char* kDefaultBaseUrl = "https://www.wixapis.com";

// What the owner asked for, checked before the data dir or Wix is touched.
struct Request {
  wix::SiteId site;
  std::string api_key;
  std::string base_url;
  std::string ca_file;  // absolute, or empty for the system trust store
  std::vector<std::string> notes;
};

// What the database transaction did.
struct Stored {
  std::string connected_at;
  bool same_site = false;
  bool kept_connected_at = false;
  std::string previous_site;  // set when another site's Wix-derived state was cleared
  std::int64_t catalog_items = 0;
  std::int64_t outbox_rows = 0;
  std::int64_t order_lines = 0;
};

Result<std::string> readable_ca_file(const std::string& given) {
  // Stored absolute: the daemon does not run from the directory the owner typed this in.
  const std::string path = absolute_normal_path(given);
  struct stat st {};
  std::string why;
  if (path.empty()) {
    why = "not a usable path";
  } else if (stat(path.c_str(), &st) != 0 || access(path.c_str(), R_OK) != 0) {
    why = std::strerror(errno);
  } else if (!S_ISREG(st.st_mode)) {
    why = "not a regular file";
  }
  if (!why.empty()) {
    return config_error("cannot use the CA file " + path + " (" + why +
                        "): give the PEM file of the CA that signed the server's certificate");
  }
  return path;
}

Result<Request> read_request(const Args& args) {
  if (!args.has("site-id") || !args.has("api-key-file")) {
    return usage_error(
        "connect needs --site-id and --api-key-file, e.g. `shelfnode connect --site-id "
        "https://manage.wix.com/dashboard/<site id>/home --api-key-file /root/wix-key`");
  }
  Request req;
  Result<wix::SiteId> site = wix::parse_site_id(args.get("site-id"));
  if (!site.ok()) return site.status();
  req.site = *site;
  if (req.site.from_url) {
    req.notes.push_back("using site ID " + req.site.guid + " from the dashboard URL");
  }
  if (args.has("account-id")) {
    if (!is_uuid(args.get("account-id"))) {
      return config_error("--account-id '" + printable(utf8_head(args.get("account-id"), 80)) +
                          "' is not a GUID: it is optional, leave it out or copy the account ID "
                          "shown in the API Keys Manager");
    }
    // Site-level calls carry wix-site-id only, never both headers (API.md §1.2) [R1].
    req.notes.push_back(
        "the account ID is not needed and is not sent: calls to a site carry "
        "only its site ID");
  }
  req.base_url = args.get("base-url", kDefaultBaseUrl);
  while (!req.base_url.empty() && req.base_url.back() == '/') req.base_url.pop_back();
  SHELFNODE_RETURN_IF_ERROR(wix::check_url_allowed(req.base_url));
  if (args.has("ca-file")) {
    Result<std::string> ca = readable_ca_file(args.get("ca-file"));
    if (!ca.ok()) return ca.status();
    req.ca_file = *ca;
  }
  const std::string key_file = args.get("api-key-file");
  struct stat st {};
  if (stat(key_file.c_str(), &st) != 0 && errno == ENOENT) {
    // Not echoed: a key pasted here by mistake must not end up on the screen or in logs.
    return config_error(
        "the --api-key-file path does not exist (not shown, in case it is the key itself): "
        "save the key from the API Keys Manager in a file, run `chmod 600` on it and give its "
        "path");
  }
  Result<std::string> key = wix::read_api_key_file(key_file);
  if (!key.ok()) return key.status();
  req.api_key = std::move(key).value();
  logger().add_secret(req.api_key);
  return req;
}

// The first column of the first row, "" when there is none.
Result<std::string> scalar_text(store::Database& db, const char* sql, const char* param = "") {
  Result<store::Statement> s = db.prepare(sql);
  if (!s.ok()) return s.status();
  if (s->parameter_count() > 0) s->bind(1, std::string_view(param));
  Result<bool> row = s->step();
  if (!row.ok()) return row.status();
  return *row ? s->text_at(0) : std::string();
}

Result<std::string> meta_value(store::Database& db, const char* key) {
  return scalar_text(db, "SELECT value FROM meta WHERE key = ?1", key);
}

Status run_sql(store::Database& db, const char* sql, std::int64_t* changed = nullptr) {
  SHELFNODE_RETURN_IF_ERROR(db.exec(sql));
  if (changed != nullptr) *changed = db.changes();
  return Status::Ok();
}

// Another shop's catalog, outbox and orders must never be mixed with this one's: they go,
// the ledger (what is physically on the shelves) stays.
Status clear_previous_site(store::Database& db, Stored& out) {
  SHELFNODE_RETURN_IF_ERROR(
      run_sql(db, "DELETE FROM catalog_items WHERE origin = 'wix'", &out.catalog_items));
  SHELFNODE_RETURN_IF_ERROR(run_sql(db, "DELETE FROM wix_outbox", &out.outbox_rows));
  SHELFNODE_RETURN_IF_ERROR(run_sql(db, "DELETE FROM wix_order_lines", &out.order_lines));
  // The catalog pull's list of Wix variants without a SKU (schema 3), where it exists.
  Result<std::string> unmapped = scalar_text(
      db, "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'catalog_wix_unmapped'");
  if (!unmapped.ok()) return unmapped.status();
  if (!unmapped->empty()) {
    SHELFNODE_RETURN_IF_ERROR(run_sql(db, "DELETE FROM catalog_wix_unmapped"));
  }
  return run_sql(db,
                 "DELETE FROM meta WHERE key GLOB 'wix.*' OR key GLOB 'sync.*' OR "
                 "key GLOB 'catalog.*'");
}

Result<Stored> store_site_state(App& app, const std::string& site, const wix::SiteCheck& check) {
  store::Database& db = app.db();
  auto tx = store::Transaction::begin(db);
  if (!tx.ok()) return tx.status();
  Stored out;
  // The site the stored Wix state belongs to; config.json for a device connected by hand.
  Result<std::string> owner = meta_value(db, "wix.site_id");
  if (!owner.ok()) return owner.status();
  if (owner->empty()) *owner = app.config().wix.site_id;
  out.same_site = *owner == site;
  if (!owner->empty() && !out.same_site) {
    out.previous_site = *owner;
    SHELFNODE_RETURN_IF_ERROR(clear_previous_site(db, out));
  }
  Result<std::string> since = meta_value(db, "wix.connected_at");
  if (!since.ok()) return since.status();
  // Orders count from this moment on (src/sync/README.md): a re-connect must not move it.
  out.kept_connected_at = !since->empty();
  out.connected_at = out.kept_connected_at ? *since : format_utc_ms(app.clock().now_ms());
  SHELFNODE_RETURN_IF_ERROR(store::set_meta(db, "wix.site_id", site));
  SHELFNODE_RETURN_IF_ERROR(store::set_meta(db, "wix.catalog_version", check.catalog_version));
  SHELFNODE_RETURN_IF_ERROR(store::set_meta(db, "wix.connected_at", out.connected_at));
  if (check.default_location_id.empty()) {
    SHELFNODE_RETURN_IF_ERROR(store::delete_meta(db, "wix.default_location_id"));
  } else {
    SHELFNODE_RETURN_IF_ERROR(
        store::set_meta(db, "wix.default_location_id", check.default_location_id));
  }
  SHELFNODE_RETURN_IF_ERROR((*tx)->commit());
  return out;
}

Result<wix::SiteCheck> check_live(App& app, const Request& req) {
  wix::ConnectionSettings settings;
  settings.base_url = req.base_url;
  settings.site_id = req.site.guid;
  settings.api_key = req.api_key;
  settings.ca_file = req.ca_file;
  settings.requests_per_minute = app.config().wix.requests_per_minute;
  auto connection = wix::Connection::open(std::move(settings), app.clock());
  if (!connection.ok()) return connection.status();
  // Each problem is reported below in the owner's words; the per-call warnings (including
  // the write probe's expected 400) would only repeat them, so they show at debug level only.
  if (app.config().log_level != LogLevel::kDebug && app.config().log_level != LogLevel::kOff) {
    logger().set_level(LogLevel::kError);
  }
  Result<wix::SiteCheck> check = wix::check_site((*connection)->api());
  logger().set_level(app.config().log_level);
  if (!check.ok()) return check.status().with_context("site " + req.site.guid);
  if (!check->failure.ok()) return check->failure.with_context("site " + req.site.guid);
  return check;
}

std::string catalog_label(const std::string& version) {
  return version == "V3_CATALOG" ? "Wix Stores catalog V3" : "Wix Stores catalog V1";
}

// JSON null for an empty value.
void add_optional(cJSON* object, const char* name, const std::string& value) {
  if (value.empty()) {
    cJSON_AddNullToObject(object, name);
  } else {
    cJSON_AddStringToObject(object, name, value.c_str());
  }
}

void print_json(const App& app, const Request& req, const wix::SiteCheck& check,
                const Stored& stored, const std::vector<std::string>& notes) {
  JsonPtr root(cJSON_CreateObject());
  cJSON* r = root.get();
  cJSON_AddStringToObject(r, "site_id", req.site.guid.c_str());
  cJSON_AddBoolToObject(r, "site_id_from_url", req.site.from_url);
  cJSON_AddStringToObject(r, "catalog_version", check.catalog_version.c_str());
  cJSON_AddStringToObject(r, "base_url", req.base_url.c_str());
  add_optional(r, "ca_file", req.ca_file);
  cJSON* perms = cJSON_AddArrayToObject(r, "permissions");
  for (const wix::PermissionCheck& p : check.permissions) {
    cJSON* o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "need", p.need);
    cJSON_AddStringToObject(o, "permission", p.permission);
    cJSON_AddStringToObject(o, "scope", p.scope);
    cJSON_AddStringToObject(o, "call", (std::string(p.method) + " " + p.path).c_str());
    cJSON_AddStringToObject(o, "state", wix::state_name(p.state));
    cJSON_AddItemToArray(perms, o);
  }
  add_optional(r, "default_location_id", check.default_location_id);
  cJSON_AddStringToObject(r, "api_key_file", app.paths().api_key().c_str());
  cJSON_AddStringToObject(r, "config_file", app.paths().config().c_str());
  cJSON_AddStringToObject(r, "connected_at", stored.connected_at.c_str());
  cJSON_AddBoolToObject(r, "reconnected", stored.same_site);
  if (stored.previous_site.empty()) {
    cJSON_AddNullToObject(r, "cleared_previous_site");
  } else {
    cJSON* c = cJSON_AddObjectToObject(r, "cleared_previous_site");
    cJSON_AddStringToObject(c, "site_id", stored.previous_site.c_str());
    cJSON_AddNumberToObject(c, "catalog_items", static_cast<double>(stored.catalog_items));
    cJSON_AddNumberToObject(c, "outbox_rows", static_cast<double>(stored.outbox_rows));
    cJSON_AddNumberToObject(c, "order_lines", static_cast<double>(stored.order_lines));
  }
  cJSON* n = cJSON_AddArrayToObject(r, "notes");
  for (const std::string& note : notes) cJSON_AddItemToArray(n, cJSON_CreateString(note.c_str()));
  cJSON_AddStringToObject(r, "next",
                          ("shelfnode --data-dir " + app.paths().dir + " catalog pull").c_str());
  std::printf("%s\n", to_json_pretty(r).c_str());
}

void print_human(const App& app, const Request& req, const wix::SiteCheck& check,
                 const Stored& stored, const std::vector<std::string>& notes) {
  for (const std::string& note : notes) std::printf("note: %s\n", note.c_str());
  std::printf("connected to Wix site %s (%s)\n", req.site.guid.c_str(),
              catalog_label(check.catalog_version).c_str());
  for (const wix::PermissionCheck& p : check.permissions) {
    std::printf("  %-2s  %-18s  '%s' (%s)\n", wix::state_name(p.state), p.need, p.permission,
                p.scope);
  }
  if (!check.default_location_id.empty()) {
    std::printf("default location: %s (online orders deduct stock here; pushes go there)\n",
                check.default_location_id.c_str());
  }
  std::printf("API key stored in %s (mode 0600); settings in %s\n", app.paths().api_key().c_str(),
              app.paths().config().c_str());
  std::printf("connected since %s%s\n", stored.connected_at.c_str(),
              stored.kept_connected_at ? " (re-connected to the same site: kept)" : "");
  std::printf("next: shelfnode --data-dir %s catalog pull\n", app.paths().dir.c_str());
}

}  // namespace

int run_connect(App& app, const Args& args) {
  Result<Request> req = read_request(args);
  if (!req.ok()) return fail(req.status());
  Status s = app.open_for_write("connect");
  if (s.ok()) s = app.begin_round();
  if (!s.ok()) return fail(s);
  Result<wix::SiteCheck> check = check_live(app, *req);
  if (!check.ok()) return fail(check.status());

  Result<Stored> stored = store_site_state(app, req->site.guid, *check);
  if (!stored.ok()) return fail(stored.status().with_context("nothing was changed"));
  s = wix::store_api_key(app.paths().api_key(), req->api_key);
  if (s.ok()) {
    s = save_wix_connection(app.paths().config(), {req->base_url, req->site.guid, req->ca_file});
  }
  if (!s.ok()) return fail(s.with_context("storing the connection failed, run connect again"));

  std::vector<std::string> notes = req->notes;
  if (!stored->previous_site.empty()) {
    notes.push_back("this device was connected to site " + stored->previous_site +
                    ": its Wix data was cleared so two shops never mix (" +
                    std::to_string(stored->catalog_items) + " catalog items, " +
                    std::to_string(stored->outbox_rows) + " sync rows, " +
                    std::to_string(stored->order_lines) +
                    " pulled order lines); the ledger and warehouses are kept");
  }
  if (args.json()) {
    print_json(app, *req, *check, *stored, notes);
  } else {
    print_human(app, *req, *check, *stored, notes);
  }
  return 0;
}

}  // namespace shelfnode::cli
