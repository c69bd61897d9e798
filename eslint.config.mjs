import nx from "@nx/eslint-plugin";

export default [
    ...nx.configs["flat/base"],
    ...nx.configs["flat/typescript"],
    ...nx.configs["flat/javascript"],
    {
        ignores: [
            "**/dist",
            "**/out-tsc",
            "**/generated/**",
            ".run/**",
            "infra/.cache/**"
        ]
    },
    {
        files: [
            "**/*.ts",
            "**/*.tsx",
            "**/*.js",
            "**/*.jsx"
        ],
        rules: {
            "@nx/enforce-module-boundaries": [
                "error",
                {
                    enforceBuildableLibDependency: true,
                    allow: [
                        "^.*/eslint(\\.base)?\\.config\\.[cm]?[jt]s$"
                    ],
                    // Services, gateway and frontends may share code only through libs.
                    // A scope may import its own code and libs tagged scope:shared
                    // (node side) or scope:shared-web (browser side), never another app.
                    depConstraints: [
                        { sourceTag: "type:app", onlyDependOnLibsWithTags: ["type:lib"] },
                        { sourceTag: "type:lib", onlyDependOnLibsWithTags: ["type:lib"] },
                        { sourceTag: "scope:shared", onlyDependOnLibsWithTags: ["scope:shared"] },
                        { sourceTag: "scope:shared-web", onlyDependOnLibsWithTags: ["scope:shared-web"] },
                        { sourceTag: "scope:identity", onlyDependOnLibsWithTags: ["scope:shared", "scope:identity"] },
                        { sourceTag: "scope:survey-delivery", onlyDependOnLibsWithTags: ["scope:shared", "scope:survey-delivery"] },
                        { sourceTag: "scope:responses", onlyDependOnLibsWithTags: ["scope:shared", "scope:responses"] },
                        { sourceTag: "scope:statistics", onlyDependOnLibsWithTags: ["scope:shared", "scope:statistics"] },
                        { sourceTag: "scope:audit", onlyDependOnLibsWithTags: ["scope:shared", "scope:audit"] },
                        { sourceTag: "scope:gateway", onlyDependOnLibsWithTags: ["scope:shared", "scope:gateway"] },
                        { sourceTag: "scope:staff", onlyDependOnLibsWithTags: ["scope:shared-web", "scope:staff"] },
                        { sourceTag: "scope:child", onlyDependOnLibsWithTags: ["scope:shared-web", "scope:child"] },
                        { sourceTag: "scope:tests", onlyDependOnLibsWithTags: ["scope:shared", "scope:shared-web", "scope:tests"] }
                    ]
                }
            ]
        }
    },
    {
        files: [
            "**/*.ts",
            "**/*.tsx",
            "**/*.cts",
            "**/*.mts",
            "**/*.js",
            "**/*.jsx",
            "**/*.cjs",
            "**/*.mjs"
        ],
        // Override or add rules here
        rules: {}
    }
];
