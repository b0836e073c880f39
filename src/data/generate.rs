//! A deterministic generator of candidate lists for tests, benchmarks and
//! demonstrations: valid ID numbers (check characters and sex parity),
//! unique phone numbers, realistic names, Hunan colleges and majors, the
//! example's categories and review results. Same seed, same file.

use std::collections::HashSet;

use super::idcard;

const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";
const GIVEN: &str = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红娥玲芬燕彬鹏辉浩宇轩梓涵子欣怡晨阳思雨嘉琪佳俊博文睿泽瑞昊天一诺雅婷雪梦琳可馨乐语蕊瑶颖宏志坤峰海波斌亮晓新春";
const COLLEGES: [&str; 16] = [
    "湖南工业职业技术学院",
    "长沙民政职业技术学院",
    "湖南铁道职业技术学院",
    "湖南交通职业技术学院",
    "长沙航空职业技术学院",
    "湖南化工职业技术学院",
    "湖南机电职业技术学院",
    "湖南汽车工程职业学院",
    "湖南信息职业技术学院",
    "湖南商务职业技术学院",
    "湖南大众传媒职业技术学院",
    "湖南生物机电职业技术学院",
    "湖南工程职业技术学院",
    "湖南水利水电职业技术学院",
    "湖南司法警官职业学院",
    "永州职业技术学院",
];
const MAJORS: [&str; 16] = [
    "机电一体化技术",
    "计算机应用技术",
    "软件技术",
    "会计",
    "电子商务",
    "市场营销",
    "护理",
    "数控技术",
    "工程造价",
    "建筑工程技术",
    "汽车检测与维修技术",
    "现代物流管理",
    "大数据技术",
    "学前教育",
    "铁道交通运营管理",
    "应用化工技术",
];
/// County-level codes of Hunan (430102 长沙芙蓉区, … 433101 吉首市).
const REGIONS: [&str; 16] = [
    "430102", "430104", "430111", "430121", "430202", "430302", "430405", "430502", "430602",
    "430702", "430802", "430902", "431002", "431102", "431202", "433101",
];
const PHONE_PREFIXES: [&str; 8] = ["138", "139", "150", "152", "177", "181", "186", "199"];

/// Category id, name, share in per mille, and the qualifying reason.
const CATEGORIES: [(&str, &str, u64); 5] = [
    ("general", "普通计划", 600),
    ("poverty", "脱贫家庭毕业生计划", 120),
    ("veteran", "退役大学生士兵免试", 120),
    ("competition", "竞赛获奖免试", 100),
    ("craftsman", "“湖湘工匠燎原计划”", 60),
];

pub const HEADER: [&str; 21] = [
    "姓名",
    "性别",
    "身份证号",
    "手机号",
    "院校",
    "专业",
    "报考类别",
    "审核结果",
    "志愿类别",
    "资格依据",
    "报名号",
    "入学时间",
    "毕业时间",
    "入伍时间",
    "退役时间",
    "退役证编号",
    "立功受奖",
    "竞赛名称",
    "获奖等级",
    "获奖时间",
    "入选年度",
];

const CONTESTS: [&str; 6] = [
    "湖南省职业院校技能竞赛（软件测试赛项）",
    "湖南省职业院校技能竞赛（会计技能赛项）",
    "湖南省职业院校技能竞赛（工业机器人技术应用赛项）",
    "湖南省职业院校技能竞赛（护理技能赛项）",
    "全国职业院校技能大赛（电子商务技能赛项）",
    "湖南省职业院校技能竞赛（建筑工程识图赛项）",
];

struct Gen(ChaCha8);

impl Gen {
    fn below(&mut self, n: u64) -> u64 {
        self.0.next_u64() % n.max(1)
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }

    fn char_of(&mut self, set: &str) -> char {
        let n = set.chars().count() as u64;
        set.chars().nth(self.below(n) as usize).unwrap_or('王')
    }
}

/// One generated row, in the order of [`HEADER`].
pub type Row = [String; 21];

/// `n` candidates from `seed`.
pub fn candidates(n: usize, seed: u64) -> Vec<Row> {
    let mut g = Gen(ChaCha8::seeded(seed));
    // The later columns draw from their own stream, so that the first ten
    // stay what they were before those columns existed.
    let mut g2 = Gen(ChaCha8::seeded(seed ^ 0x9e37_79b9_7f4a_7c15));
    let mut ids = HashSet::with_capacity(n);
    let mut rows = Vec::with_capacity(n);
    for i in 0..n {
        let male = g.below(2) == 0;
        let name = person_name(&mut g);
        let id = id_number(&mut g, male, &mut ids);
        // Distinct for every i below 10^8: 7 is coprime to 10^8.
        let phone = format!(
            "{}{:08}",
            PHONE_PREFIXES[i % 8],
            (i as u64 * 7_654_321 + 1) % 100_000_000
        );
        let (cat, cat_name) = category(&mut g);
        let review = review(&mut g, cat);
        let choice = if review == "不通过" {
            "普通计划"
        } else {
            cat_name
        };
        let year = 2021 + g.below(3);
        let (reason, award) = reason(&mut g, cat, year);
        // Drawn after the reason: the order of draws is the file's identity.
        let college = g.pick(&COLLEGES).to_string();
        let major = g.pick(&MAJORS).to_string();
        let [enrolled, graduated, enlisted, discharged, certificate, merit, contest, level, awarded, selected] =
            evidence(&mut g2, cat, year, award);
        rows.push([
            name,
            if male { "男" } else { "女" }.to_string(),
            id,
            phone,
            college,
            major,
            cat_name.to_string(),
            review.to_string(),
            choice.to_string(),
            reason,
            format!("2443{:08}", i + 1),
            enrolled,
            graduated,
            enlisted,
            discharged,
            certificate,
            merit,
            contest,
            level,
            awarded,
            selected,
        ]);
    }
    rows
}

fn person_name(g: &mut Gen) -> String {
    std::iter::once(g.char_of(SURNAMES))
        .chain((0..1 + g.below(2)).map(|_| g.char_of(GIVEN)))
        .collect()
}

/// A valid ID number of the given sex, not given before in this list.
fn id_number(g: &mut Gen, male: bool, ids: &mut HashSet<String>) -> String {
    loop {
        let region = g.pick(&REGIONS);
        let birth = format!(
            "{}{:02}{:02}",
            2000 + g.below(6),
            1 + g.below(12),
            1 + g.below(28)
        );
        let seq = g.below(500) * 2 + u64::from(male);
        let body = format!("{region}{birth}{seq:03}");
        let digits: Vec<u32> = body.chars().filter_map(|c| c.to_digit(10)).collect();
        let id = format!("{body}{}", idcard::check_char(&digits));
        if ids.insert(id.clone()) {
            return id;
        }
    }
}

/// A category's id and name, drawn by the shares in [`CATEGORIES`].
fn category(g: &mut Gen) -> (&'static str, &'static str) {
    let roll = g.below(1000);
    let mut acc = 0;
    let &(cat, cat_name, _) = CATEGORIES
        .iter()
        .find(|(_, _, share)| {
            acc += share;
            roll < acc
        })
        .unwrap_or(&CATEGORIES[0]);
    (cat, cat_name)
}

/// The general plan has nothing to review; the others mostly pass.
fn review(g: &mut Gen, cat: &str) -> &'static str {
    let r = g.below(100);
    match (cat, r) {
        ("general", _) => "通过",
        (_, 0..=89) => "通过",
        (_, 90..=96) => "不通过",
        _ => "待审核",
    }
}

/// The qualifying reason, and for a competition the award it names.
fn reason(g: &mut Gen, cat: &str, year: u64) -> (String, &'static str) {
    let mut award = "";
    let reason = match cat {
        "veteran" => format!("{year}年9月入伍，2024年退役"),
        "competition" => {
            award = g.pick(&["一等奖", "二等奖", "三等奖"]);
            format!("获{year}年湖南省职业院校技能竞赛{award}")
        }
        "craftsman" => format!("入选{year}年“湖湘工匠燎原计划”"),
        "poverty" => "原建档立卡贫困家庭学生".to_string(),
        _ => String::new(),
    };
    (reason, award)
}

/// The columns after 报名号 (入学时间 … 入选年度), filled for the category
/// they concern and empty for the others.
fn evidence(g2: &mut Gen, cat: &str, year: u64, award: &str) -> [String; 10] {
    let veteran = cat == "veteran";
    let competition = cat == "competition";
    [
        format!("{}年9月", 2021 + g2.below(2)),
        "2024年6月".to_string(),
        if veteran {
            format!("{year}年9月")
        } else {
            String::new()
        },
        if veteran {
            format!("2024年{}月", 1 + g2.below(3))
        } else {
            String::new()
        },
        if veteran {
            format!("湘退字{:08}", g2.below(100_000_000))
        } else {
            String::new()
        },
        match (cat, g2.below(10)) {
            ("veteran", 0) => "服役期间荣立个人三等功一次".to_string(),
            ("veteran", _) => "无".to_string(),
            _ => String::new(),
        },
        if competition {
            g2.pick(&CONTESTS).to_string()
        } else {
            String::new()
        },
        award.to_string(),
        if competition {
            format!("{year}年{}月", 4 + g2.below(3))
        } else {
            String::new()
        },
        if cat == "craftsman" {
            format!("{year}年")
        } else {
            String::new()
        },
    ]
}

/// The rows as a UTF-8 CSV with a header line.
pub fn to_csv(rows: &[Row]) -> Vec<u8> {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(HEADER);
    for r in rows {
        let _ = w.write_record(r);
    }
    w.into_inner().unwrap_or_default()
}

/// ChaCha with 8 rounds, 64-bit block counter and stream 0, its key made
/// from the seed by PCG32: the stream `rand_chacha`'s `ChaCha8Rng` gives
/// for `seed_from_u64`, so a seed makes the same list it always made.
struct ChaCha8 {
    key: [u32; 8],
    counter: u64,
    block: [u32; 16],
    used: usize,
}

impl ChaCha8 {
    fn seeded(mut state: u64) -> ChaCha8 {
        let key = [0u32; 8].map(|_| {
            state = state
                .wrapping_mul(0x5851_F42D_4C95_7F2D)
                .wrapping_add(0xA176_54E4_6FBE_17F3);
            ((((state >> 18) ^ state) >> 27) as u32).rotate_right((state >> 59) as u32)
        });
        ChaCha8 {
            key,
            counter: 0,
            block: [0; 16],
            used: 16,
        }
    }

    fn next_u64(&mut self) -> u64 {
        let lo = self.word();
        u64::from(lo) | u64::from(self.word()) << 32
    }

    fn word(&mut self) -> u32 {
        if self.used == 16 {
            self.refill();
        }
        self.used += 1;
        self.block[self.used - 1]
    }

    fn refill(&mut self) {
        let mut input = [0u32; 16];
        input[..4].copy_from_slice(&[0x6170_7865, 0x3320_646e, 0x7962_2d32, 0x6b20_6574]);
        input[4..12].copy_from_slice(&self.key);
        input[12] = self.counter as u32;
        input[13] = (self.counter >> 32) as u32;
        let mut x = input;
        for _ in 0..4 {
            for [a, b, c, d] in [[0, 4, 8, 12], [1, 5, 9, 13], [2, 6, 10, 14], [3, 7, 11, 15]] {
                quarter(&mut x, a, b, c, d);
            }
            for [a, b, c, d] in [[0, 5, 10, 15], [1, 6, 11, 12], [2, 7, 8, 13], [3, 4, 9, 14]] {
                quarter(&mut x, a, b, c, d);
            }
        }
        for (out, (x, i)) in self.block.iter_mut().zip(x.iter().zip(input)) {
            *out = x.wrapping_add(i);
        }
        self.counter = self.counter.wrapping_add(1);
        self.used = 0;
    }
}

fn quarter(x: &mut [u32; 16], a: usize, b: usize, c: usize, d: usize) {
    for (p, q, r, n) in [(a, b, d, 16), (c, d, b, 12), (a, b, d, 8), (c, d, b, 7)] {
        x[p] = x[p].wrapping_add(x[q]);
        x[r] = (x[r] ^ x[p]).rotate_left(n);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_rows_and_every_id_is_valid() {
        let a = candidates(500, 7);
        assert_eq!(a, candidates(500, 7));
        assert_ne!(a, candidates(500, 8));
        let mut phones = HashSet::new();
        for r in &a {
            let id = idcard::validate(&r[2]).expect("valid ID");
            assert_eq!(id.male, r[1] == "男", "sex parity of {}", r[0]);
            assert!(phones.insert(r[3].clone()), "duplicate phone");
            assert_eq!(r[3].len(), 11);
        }
    }

    #[test]
    fn the_generator_gives_rand_chachas_chacha8_stream() {
        // Drawn from rand_chacha 0.10's ChaCha8Rng::seed_from_u64(7), past a block's end.
        let mut g = ChaCha8::seeded(7);
        let drawn: Vec<u64> = (0..10).map(|_| g.next_u64()).collect();
        let want: [u64; 10] = [
            2910824217569608635,
            3098856782162503994,
            12991601491111613745,
            13406010708265417443,
            11091271176959810440,
            6629102542470643238,
            1532177833826564251,
            15666632647712377470,
            6723176373152622797,
            18261768682022118775,
        ];
        assert_eq!(drawn, want);
    }
}
