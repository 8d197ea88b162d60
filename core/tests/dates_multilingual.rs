//! Dates as the outlets covering one story print them, in Russian,
//! Ukrainian, Armenian, Azerbaijani, Turkish, Romanian, Persian (Solar
//! Hijri too), Arabic, Chinese, Japanese and Korean: table tests of
//! `date::find_dates` on formats copied from real news pages (datelines,
//! header date lines, timestamps), written by hand.

use dateline_core::date::{find_dates, Calendar};

/// The first date found: ISO day (or `--MM-DD` without a year), time,
/// weekday and the printed text.
fn first(s: &str) -> (String, Option<(u8, u8)>, Option<u8>, String) {
    let m = find_dates(s).into_iter().next().unwrap_or_else(|| panic!("no date in {s:?}"));
    let day = match m.date() {
        Some(d) => d.iso(),
        None => format!("--{:02}-{:02}", m.month, m.day),
    };
    (day, m.time.map(|t| (t.hour, t.minute)), m.weekday, s[m.span.clone()].to_string())
}

type Case = (&'static str, &'static str, Option<(u8, u8)>);

fn check(cases: &[Case]) {
    for (input, day, time) in cases {
        let (got, t, _, _) = first(input);
        assert_eq!((got.as_str(), t), (*day, *time), "input {input:?}");
    }
}

#[test]
fn russian() {
    check(&[
        ("5 октября 2023 г.", "2023-10-05", None),
        ("13 января 2015 г. в 13:34", "2015-01-13", Some((13, 34))),
        ("5 октября 2023 года, 14:30", "2023-10-05", Some((14, 30))),
        ("Опубликовано: 05.10.2023 14:30", "2023-10-05", Some((14, 30))),
        ("в пятницу, 6 октября 2023", "2023-10-06", None),
        ("13 янв. 2005 19:13", "2005-01-13", Some((19, 13))),
        ("21 сентября 2021г., вторник", "2021-09-21", None),
        // The agency dateline prints no year.
        ("МОСКВА, 5 октября. /ТАСС/. Президент России", "--10-05", None),
        ("к 5-го октября", "--10-05", None),
    ]);
    assert_eq!(first("в пятницу, 6 октября 2023").2, Some(4));
    assert_eq!(first("21 сентября 2021г., вторник").2, Some(1));
}

#[test]
fn ukrainian() {
    check(&[
        ("5 жовтня 2023 р.", "2023-10-05", None),
        ("6 жовтня 2023 року о 14:30", "2023-10-06", Some((14, 30))),
        ("п'ятниця, 6 жовтня 2023", "2023-10-06", None),
        ("КИЇВ, 5 листопада. Укрінформ", "--11-05", None),
    ]);
    assert_eq!(first("п’ятниця, 6 жовтня 2023").2, Some(4), "typographic apostrophe");
}

#[test]
fn armenian() {
    check(&[
        ("5 հոկտեմբերի 2023 թ.", "2023-10-05", None),
        ("Հոկտեմբերի 5, 2023", "2023-10-05", None),
        ("2023 թ. հոկտեմբերի 5-ին", "2023-10-05", None),
        ("14:30, 5 հոկտեմբերի 2023", "2023-10-05", Some((14, 30))),
        ("ԵՐԵՎԱՆ, հոկտեմբերի 5. Արմենպրես", "--10-05", None),
    ]);
}

#[test]
fn azerbaijani() {
    check(&[
        ("5 oktyabr 2023 14:30", "2023-10-05", Some((14, 30))),
        ("05 Oktyabr 2023", "2023-10-05", None),
        ("2023-cü il 5 oktyabr", "2023-10-05", None),
        ("Bakı, oktyabrın 5-də", "--10-05", None),
    ]);
}

#[test]
fn turkish() {
    check(&[
        ("12 Ekim 2021 Salı", "2021-10-12", None),
        ("5 Ekim 2023 Perşembe 14:30", "2023-10-05", Some((14, 30))),
        ("08.Haziran.2014, 11:07", "2014-06-08", Some((11, 7))),
        ("14-Aralık-2012, 20:56", "2012-12-14", Some((20, 56))),
        ("05.10.2023 14:30", "2023-10-05", Some((14, 30))),
    ]);
    assert_eq!(first("12 Ekim 2021 Salı").2, Some(1));
    assert_eq!(first("12 Ekim 2021 Salı").3, "12 Ekim 2021 Salı");
}

#[test]
fn romanian() {
    check(&[
        ("5 octombrie 2023", "2023-10-05", None),
        ("joi, 5 octombrie 2023, ora 14:30", "2023-10-05", Some((14, 30))),
        ("12-Iun-2013", "2013-06-12", None),
    ]);
    assert_eq!(first("joi, 5 octombrie 2023, ora 14:30").2, Some(3));
}

#[test]
fn persian_gregorian_and_solar_hijri() {
    check(&[
        ("پنجشنبه ۱۳ مهر ۱۴۰۲", "2023-10-05", None),
        ("۱۳ مهر ۱۴۰۲ - ۱۰:۳۰", "2023-10-05", Some((10, 30))),
        ("۱۴۰۲/۰۷/۱۳", "2023-10-05", None),
        ("1402/07/13 - 10:30", "2023-10-05", Some((10, 30))),
        ("۵ اکتبر ۲۰۲۳", "2023-10-05", None),
        ("دوشنبه ۳ مهر ماه ۱۴۰۲", "2023-09-25", None),
        ("سه‌شنبه ۲۹ اسفند ۱۴۰۲", "2024-03-19", None),
    ]);
    let m = &find_dates("پنجشنبه ۱۳ مهر ۱۴۰۲")[0];
    assert_eq!((m.calendar, m.weekday), (Calendar::SolarHijri, Some(3)));
    // "سه‌شنبه" (Tuesday) is one word with its zero-width non-joiner, not
    // "three" and "Saturday".
    assert_eq!(first("سه‌شنبه ۲۹ اسفند ۱۴۰۲").2, Some(1));
    assert_eq!(first("سه شنبه ۲۹ اسفند ۱۴۰۲").2, Some(1));
}

#[test]
fn arabic() {
    check(&[
        ("٥ أكتوبر ٢٠٢٣", "2023-10-05", None),
        ("5 اكتوبر 2023", "2023-10-05", None),
        ("الخميس 5 تشرين الأول/أكتوبر 2023", "2023-10-05", None),
        ("5 تشرين الأول 2023", "2023-10-05", None),
        ("الخميس، 5 أكتوبر 2023 الساعة 10:30", "2023-10-05", Some((10, 30))),
        ("الجمعة 8 فيفري 2019", "2019-02-08", None),
        ("5 يوليوز 2023", "2023-07-05", None),
        ("آخر تحديث: 05.10.2023 - 10:30 م", "2023-10-05", Some((22, 30))),
        ("في 29 يوليو 1938 غزت القوات", "1938-07-29", None),
        // A Hijri date and its Gregorian equivalent: the Hijri one is not
        // read (its month names are in no table), the Gregorian one is.
        ("20 ربيع الأول 1445 هـ الموافق 5 أكتوبر 2023 م", "2023-10-05", None),
    ]);
    assert_eq!(first("الخميس 5 تشرين الأول/أكتوبر 2023").3, "الخميس 5 تشرين الأول/أكتوبر 2023");
    assert_eq!(first("الخميس، 5 أكتوبر 2023").2, Some(3));
    // A slashed date's order is left to the page (the extractor reads it
    // day first outside English-language pages).
    let m = &find_dates("05/10/2023")[0];
    assert!(m.order_guessed);
    assert_eq!(m.other_reading().map(|d| d.iso()).as_deref(), Some("2023-10-05"));
}

#[test]
fn chinese_japanese_korean() {
    check(&[
        ("2023年10月5日", "2023-10-05", None),
        ("2023年10月5日 星期四", "2023-10-05", None),
        ("新华社北京10月5日电", "--10-05", None),
        ("2016年06月30日09时30分", "2016-06-30", Some((9, 30))),
        ("2016年9月14日晚8:00", "2016-09-14", Some((20, 0))),
        ("2023-10-05 14:30", "2023-10-05", Some((14, 30))),
        ("2016年3月20日(日) 21時40分", "2016-03-20", Some((21, 40))),
        ("令和5年10月5日", "2023-10-05", None),
        ("2023年10月5日（木）", "2023-10-05", None),
        ("2023년 10월 5일 (목)", "2023-10-05", None),
    ]);
    assert_eq!(first("2023年10月5日 星期四").2, Some(3));
    assert_eq!(first("2023年10月5日（木）").2, Some(3));
    assert_eq!(find_dates("令和5年10月5日")[0].calendar, Calendar::JapaneseEra);
}

#[test]
fn what_is_no_date_in_these_scripts() {
    for s in [
        // A Solar Hijri date without a year has no known Gregorian day.
        "۱۳ مهر",
        // Lunar Hijri years are not Solar Hijri ones.
        "1445/03/20 هـ",
        "نیم ساعت با ۱۴۰۲ نفر",
        "10月",
        "第5日",
        "Martin 5, 2023 Ian 5 2023",
        // The day does not exist: the twelfth Solar month of 1402 has 29.
        "۳۰ اسفند ۱۴۰۲",
    ] {
        assert!(find_dates(s).is_empty(), "{s:?} gave {:?}", find_dates(s));
    }
}

#[test]
fn spans_are_byte_ranges_of_the_printed_text() {
    for s in ["۱۳ مهر ۱۴۰۲", "5 تشرين الأول 2023", "2023年10月5日", "5 октября 2023 г."] {
        let text = format!("«{s}»");
        let m = &find_dates(&text)[0];
        assert!(text.is_char_boundary(m.span.start) && text.is_char_boundary(m.span.end));
        assert!(text[m.span.clone()].starts_with(s.chars().next().unwrap_or(' ')), "{:?}", &text[m.span.clone()]);
    }
}
