using PhoneNumbers;

namespace CallCenter.Infrastructure.Numbers;

/// <summary>Where a number is registered and who carries it (§6.35 号码归属地).</summary>
/// <param name="Province">Short province name, e.g. "湖南"; for a foreign number its place as the geocoder names it.</param>
/// <param name="City">Short city name, e.g. "长沙"; a municipality repeats itself ("北京"); empty when unknown.</param>
/// <param name="Carrier">The carrier at allocation time, e.g. "中国移动"; empty for fixed lines and unknown ranges.</param>
public sealed record NumberLocation(string Province, string City, string Carrier)
{
    /// <summary>"province city carrier", empty parts left out: the form of the source's example "湖南 长沙 湖南移动全球通卡".</summary>
    public string Text => string.Join(' ', new[] { Province, City, Carrier }.Where(p => p.Length > 0));
}

/// <summary>
/// Offline number location from libphonenumber's geocoder and carrier data. Numbers without '+' are read as Chinese
/// (region CN); Chinese numbers (CN, HK, MO, TW) are described in Chinese, others in English.
/// </summary>
public static class NumberAttribution
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();
    private static readonly PhoneNumberOfflineGeocoder Geocoder = PhoneNumberOfflineGeocoder.GetInstance();
    private static readonly PhoneNumberToCarrierMapper Carriers = PhoneNumberToCarrierMapper.GetInstance();
    private static readonly Locale Chinese = new("zh", "CN");
    private static readonly HashSet<string> ChineseRegions = new(StringComparer.Ordinal) { "CN", "HK", "MO", "TW" };

    public const string DefaultRegion = "CN";

    /// <summary>Province-level divisions, short names, longest first where one is a prefix of another.</summary>
    private static readonly string[] Provinces =
    {
        "黑龙江", "内蒙古", "北京", "天津", "上海", "重庆", "河北", "山西", "辽宁", "吉林", "江苏", "浙江", "安徽", "福建",
        "江西", "山东", "河南", "湖北", "湖南", "广东", "海南", "四川", "贵州", "云南", "陕西", "甘肃", "青海", "台湾",
        "广西", "西藏", "宁夏", "新疆", "香港", "澳门",
    };

    private static readonly string[] Municipalities = { "北京", "天津", "上海", "重庆" };

    /// <summary>Suffixes after a province's short name, longest first.</summary>
    private static readonly string[] ProvinceSuffixes = { "维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "省", "市" };

    /// <summary>The location of <paramref name="number"/>, or null when it is not a valid number or nothing is known of it.</summary>
    public static NumberLocation? Lookup(string? number)
    {
        if (string.IsNullOrWhiteSpace(number)) return null;
        PhoneNumber parsed;
        try
        {
            parsed = Util.Parse(number.Trim(), DefaultRegion);
        }
        catch (NumberParseException)
        {
            return null;
        }
        if (!Util.IsValidNumber(parsed)) return null;
        var region = Util.GetRegionCodeForNumber(parsed) ?? "";
        var chinese = ChineseRegions.Contains(region);
        var locale = chinese ? Chinese : Locale.English;
        var description = Geocoder.GetDescriptionForNumber(parsed, locale) ?? "";
        var carrier = Carriers.GetNameForNumber(parsed, locale) ?? "";
        if (description.Length == 0 && carrier.Length == 0) return null;
        if (!chinese) return new NumberLocation(description, "", carrier);
        var (province, city) = SplitChinese(description);
        return new NumberLocation(province, city, carrier);
    }

    /// <summary>
    /// "湖南省长沙市" → ("湖南", "长沙"); "北京市" → ("北京", "北京"); "广西壮族自治区南宁市、崇左市" → ("广西", "南宁、崇左");
    /// "中国" (a range with no known province) → ("中国", "").
    /// </summary>
    public static (string Province, string City) SplitChinese(string description)
    {
        var text = description.Trim();
        if (text.StartsWith("中国", StringComparison.Ordinal) && text.Length > 2) text = text[2..];
        var province = Provinces.FirstOrDefault(p => text.StartsWith(p, StringComparison.Ordinal));
        if (province is null) return (text, "");
        var rest = text[province.Length..];
        var suffix = ProvinceSuffixes.FirstOrDefault(s => rest.StartsWith(s, StringComparison.Ordinal));
        if (suffix is not null) rest = rest[suffix.Length..];
        var city = string.Join('、', rest.Split('、', StringSplitOptions.RemoveEmptyEntries)
            .Select(c => c.Length > 2 && c.EndsWith('市') ? c[..^1] : c));
        if (city.Length == 0 && Municipalities.Contains(province)) city = province;
        return (province, city);
    }
}
