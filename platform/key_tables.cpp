// The four layouts, each as the Windows layout of that name types it. Keys whose level types
// no ASCII character are written as kNo with the character they type in a comment: a scan
// that uses one is refused, because a barcode in keyboard mode carries ASCII, and é where a
// digit belongs means the scanner emulates another layout (the AZERTY digit row).
#include "key_tables.h"

#include <linux/input-event-codes.h>

#include <iterator>

namespace shelfnode::platform {
namespace {

constexpr KeyOutput kNo{};

constexpr KeyDef kUsKeys[] = {
    {KEY_GRAVE, '`', '~'},     {KEY_1, '1', '!'},           {KEY_2, '2', '@'},
    {KEY_3, '3', '#'},         {KEY_4, '4', '$'},           {KEY_5, '5', '%'},
    {KEY_6, '6', '^'},         {KEY_7, '7', '&'},           {KEY_8, '8', '*'},
    {KEY_9, '9', '('},         {KEY_0, '0', ')'},           {KEY_MINUS, '-', '_'},
    {KEY_EQUAL, '=', '+'},     {KEY_LEFTBRACE, '[', '{'},   {KEY_RIGHTBRACE, ']', '}'},
    {KEY_SEMICOLON, ';', ':'}, {KEY_APOSTROPHE, '\'', '"'}, {KEY_BACKSLASH, '\\', '|'},
    {KEY_COMMA, ',', '<'},     {KEY_DOT, '.', '>'},         {KEY_SLASH, '/', '?'},
    {KEY_102ND, '\\', '|'},  // the ISO key left of Z, which Windows' US layout also types
};

// UK: " and @ trade places with US, # ~ sit on the ISO key left of Enter (which Linux
// reports as KEY_BACKSLASH, like the US backslash key) and \ | left of Z.
constexpr KeyDef kUkKeys[] = {
    {KEY_GRAVE, '`', kNo /* ¬ */},
    {KEY_1, '1', '!'},
    {KEY_2, '2', '"'},
    {KEY_3, '3', kNo /* £ */},
    {KEY_4, '4', '$'},
    {KEY_5, '5', '%'},
    {KEY_6, '6', '^'},
    {KEY_7, '7', '&'},
    {KEY_8, '8', '*'},
    {KEY_9, '9', '('},
    {KEY_0, '0', ')'},
    {KEY_MINUS, '-', '_'},
    {KEY_EQUAL, '=', '+'},
    {KEY_LEFTBRACE, '[', '{'},
    {KEY_RIGHTBRACE, ']', '}'},
    {KEY_SEMICOLON, ';', ':'},
    {KEY_APOSTROPHE, '\'', '@'},
    {KEY_BACKSLASH, '#', '~'},
    {KEY_COMMA, ',', '<'},
    {KEY_DOT, '.', '>'},
    {KEY_SLASH, '/', '?'},
    {KEY_102ND, '\\', '|'},
};

// German QWERTZ: ^ and ` are dead keys; { [ ] } \ @ ~ | need AltGr.
constexpr KeyDef kDeKeys[] = {
    {KEY_GRAVE, dead_key('^'), kNo /* ° */},
    {KEY_1, '1', '!'},
    {KEY_2, '2', '"'},
    {KEY_3, '3', kNo /* § */},
    {KEY_4, '4', '$'},
    {KEY_5, '5', '%'},
    {KEY_6, '6', '&'},
    {KEY_7, '7', '/'},
    {KEY_8, '8', '('},
    {KEY_9, '9', ')'},
    {KEY_0, '0', '='},
    {KEY_MINUS, kNo /* ß */, '?'},
    {KEY_EQUAL, kNo /* dead ´ */, dead_key('`')},
    {KEY_LEFTBRACE, kNo /* ü */, kNo /* Ü */},
    {KEY_RIGHTBRACE, '+', '*'},
    {KEY_SEMICOLON, kNo /* ö */, kNo /* Ö */},
    {KEY_APOSTROPHE, kNo /* ä */, kNo /* Ä */},
    {KEY_BACKSLASH, '#', '\''},
    {KEY_102ND, '<', '>'},
    {KEY_COMMA, ',', ';'},
    {KEY_DOT, '.', ':'},
    {KEY_SLASH, '-', '_'},
};

constexpr AltGrDef kDeAltGr[] = {
    {KEY_7, '{'},      {KEY_8, '['}, {KEY_9, ']'},          {KEY_0, '}'},
    {KEY_MINUS, '\\'}, {KEY_Q, '@'}, {KEY_RIGHTBRACE, '~'}, {KEY_102ND, '|'},
};

// French AZERTY: the digits are shifted, ^ is a dead key left of $, ~ and ` are dead keys on
// AltGr, and AltGr+9 types a plain ^.
constexpr KeyDef kFrKeys[] = {
    {KEY_GRAVE, kNo /* ² */, kNo},
    {KEY_1, '&', '1'},
    {KEY_2, kNo /* é */, '2'},
    {KEY_3, '"', '3'},
    {KEY_4, '\'', '4'},
    {KEY_5, '(', '5'},
    {KEY_6, '-', '6'},
    {KEY_7, kNo /* è */, '7'},
    {KEY_8, '_', '8'},
    {KEY_9, kNo /* ç */, '9'},
    {KEY_0, kNo /* à */, '0'},
    {KEY_MINUS, ')', kNo /* ° */},
    {KEY_EQUAL, '=', '+'},
    {KEY_LEFTBRACE, dead_key('^'), kNo /* dead ¨ */},
    {KEY_RIGHTBRACE, '$', kNo /* £ */},
    {KEY_APOSTROPHE, kNo /* ù */, '%'},
    {KEY_BACKSLASH, '*', kNo /* µ */},
    {KEY_102ND, '<', '>'},
    {KEY_M, ',', '?'},
    {KEY_COMMA, ';', '.'},
    {KEY_DOT, ':', '/'},
    {KEY_SLASH, '!', kNo /* § */},
};

constexpr AltGrDef kFrAltGr[] = {
    {KEY_2, dead_key('~')}, {KEY_3, '#'},           {KEY_4, '{'},     {KEY_5, '['},
    {KEY_6, '|'},           {KEY_7, dead_key('`')}, {KEY_8, '\\'},    {KEY_9, '^'},
    {KEY_0, '@'},           {KEY_MINUS, ']'},       {KEY_EQUAL, '}'},
};

}  // namespace

const LayoutDef kUsLayout = {
    "us", false, {"qwertyuiop", "asdfghjkl", "zxcvbnm"}, kUsKeys, std::size(kUsKeys), nullptr,
    0,    '.'};
// UK's AltGr types only € ¦ and accented vowels: no ASCII, but Right Alt is AltGr there.
const LayoutDef kUkLayout = {
    "uk", true, {"qwertyuiop", "asdfghjkl", "zxcvbnm"}, kUkKeys, std::size(kUkKeys), nullptr,
    0,    '.'};
const LayoutDef kDeLayout = {"de",
                             true,
                             {"qwertzuiop", "asdfghjkl", "yxcvbnm"},
                             kDeKeys,
                             std::size(kDeKeys),
                             kDeAltGr,
                             std::size(kDeAltGr),
                             ','};
// KEY_SEMICOLON is the tenth letter of the home row (m); KEY_M types , and ?.
const LayoutDef kFrLayout = {"fr",
                             true,
                             {"azertyuiop", "qsdfghjklm", "wxcvbn"},
                             kFrKeys,
                             std::size(kFrKeys),
                             kFrAltGr,
                             std::size(kFrAltGr),
                             '.'};

}  // namespace shelfnode::platform
