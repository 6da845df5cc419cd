#include "scan/gs1_ai_checks.h"

namespace shelfnode::scan {
namespace {

using Check = AiComponent::Check;

int two_digits(std::string_view s, std::size_t at) {
  return (s[at] - '0') * 10 + (s[at + 1] - '0');
}

std::string date_problem(std::string_view piece, bool day_00_allowed) {
  const int year = two_digits(piece, 0);
  const int month = two_digits(piece, 2);
  const int day = two_digits(piece, 4);
  if (month < 1 || month > 12) {
    return "month " + std::string(piece.substr(2, 2)) + " is not 01-12";
  }
  if (day == 0) return day_00_allowed ? "" : "day 00 is not allowed here";
  // Leap years: every YY divisible by 4 is one, which holds for all of 2000-2099 and for the
  // whole century window GS1 maps YY into until 2050.
  constexpr int kDaysInMonth[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int last_day = kDaysInMonth[month - 1];
  if (month == 2 && year % 4 == 0) last_day = 29;
  if (day > last_day) {
    return "day " + std::string(piece.substr(4, 2)) + " does not exist in month " +
           std::string(piece.substr(2, 2));
  }
  return "";
}

std::string hour_problem(std::string_view two) {
  return two_digits(two, 0) > 23 ? "hour " + std::string(two) + " is not 00-23" : "";
}

std::string minute_problem(std::string_view two, const char* what) {
  return two_digits(two, 0) > 59 ? std::string(what) + " " + std::string(two) + " is not 00-59"
                                 : "";
}

std::string country_list_problem(std::string_view piece) {
  if (piece.size() % 3 != 0) {
    return "a list of three-digit country codes must have 3, 6, 9, 12 or 15 digits";
  }
  return "";
}

std::string piece_of_total_problem(std::string_view piece) {
  const int piece_no = two_digits(piece, 0);
  const int total = two_digits(piece, 2);
  if (piece_no == 0 || total == 0 || piece_no > total) {
    return "piece " + std::string(piece.substr(0, 2)) + " of " + std::string(piece.substr(2, 2)) +
           " is not a piece of the total";
  }
  return "";
}

}  // namespace

std::string component_problem(Check check, std::string_view piece) {
  switch (check) {
    case Check::kNone:
    case Check::kCheckDigit:
      return "";
    case Check::kDateOrDay00:
      return date_problem(piece, true);
    case Check::kDate:
      return date_problem(piece, false);
    case Check::kDateHour: {
      const std::string date = date_problem(piece.substr(0, 6), false);
      return date.empty() ? hour_problem(piece.substr(6, 2)) : date;
    }
    case Check::kHourMinute: {
      const std::string hour = hour_problem(piece.substr(0, 2));
      return hour.empty() ? minute_problem(piece.substr(2, 2), "minute") : hour;
    }
    case Check::kMinuteSecond: {
      if (piece.size() != 2 && piece.size() != 4) return "minutes and seconds must be MM or MMSS";
      const std::string minute = minute_problem(piece.substr(0, 2), "minute");
      if (!minute.empty() || piece.size() == 2) return minute;
      return minute_problem(piece.substr(2, 2), "second");
    }
    case Check::kYesNo:
      return piece == "0" || piece == "1" ? "" : "must be 0 (no) or 1 (yes)";
    case Check::kHyphen:
      return piece == "-" ? "" : "only '-' may follow the temperature";
    case Check::kZero:
      return piece == "0" ? "" : "the first digit must be 0";
    case Check::kNonZero:
      return piece.find_first_not_of('0') != std::string_view::npos ? "" : "must not be zero";
    case Check::kNoZeroPrefix:
      return piece.size() > 1 && piece[0] == '0' ? "must not start with 0" : "";
    case Check::kCountryList:
      return country_list_problem(piece);
    case Check::kPieceOfTotal:
      return piece_of_total_problem(piece);
    case Check::kWinding:
      return piece == "0" || piece == "1" || piece == "9" ? "" : "winding must be 0, 1 or 9";
  }
  return "";
}

}  // namespace shelfnode::scan
