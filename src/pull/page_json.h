#pragma once

#include <cjson/cJSON.h>

#include <optional>
#include <string>
#include <vector>

namespace shelfnode::pull::detail {

// Reading Wix JSON without trusting its shape: a missing or mistyped member reads as absent.
std::string text_at(const cJSON* object, const char* name);
const cJSON* member(const cJSON* object, const char* name);
std::optional<bool> bool_at(const cJSON* object, const char* name);

// "Linen work apron (S)" for a variant with choices, the product name alone otherwise;
// never longer than the catalog allows, never cut inside a UTF-8 character.
std::string variant_name(const std::string& product, const std::vector<std::string>& choices);

// Why a SKU cannot be a catalog key ("" when it can): none at all, or one that fails
// catalog::validate_sku. Such variants are reported, never mapped by a guess.
std::string sku_problem(const std::string& sku);

// Keeps the later of `latest` and the Wix timestamp `raw` (both normalised).
void keep_latest(std::string& latest, const char* raw);

// The next-page cursor of a V3 pagingMetadata block: "" on the last page. A page that
// says there is more but names no cursor cannot be followed: `broken` is set.
std::string next_cursor(const cJSON* body, bool& broken);

}  // namespace shelfnode::pull::detail
